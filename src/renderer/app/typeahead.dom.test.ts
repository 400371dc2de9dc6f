import { afterEach, describe, expect, it } from 'vitest'
import { holdKeys, releaseKeys } from './typeahead'

const press = (key: string, init: KeyboardEventInit = {}) => {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init })
  document.body.dispatchEvent(event)
  return event
}

afterEach(() => void releaseKeys())

describe('type-ahead while a new article is created', () => {
  it('holds text keys, Backspace and Enter in order, and keeps them from the page', () => {
    holdKeys()
    const first = press('H')
    for (const key of ['o', 'x', 'Backspace', 'Enter', 'T', 'e', 'k', 's', 't']) press(key)
    expect(first.defaultPrevented).toBe(true)
    expect(releaseKeys()).toEqual(['Ho', { key: 'Enter' }, 'Tekst'])
  })

  it('lets shortcuts and navigation keys through, and holds nothing once released', () => {
    holdKeys()
    expect(press('s', { ctrlKey: true }).defaultPrevented).toBe(false)
    expect(press('Tab').defaultPrevented).toBe(false)
    expect(releaseKeys()).toEqual([])
    expect(press('a').defaultPrevented).toBe(false)
  })
})
