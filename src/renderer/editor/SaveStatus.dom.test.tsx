import { fireEvent, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { renderIn } from '../testing'
import { SaveStatus } from './SaveStatus'

const todayAt = (hours: number, minutes: number) => {
  const date = new Date()
  date.setHours(hours, minutes, 0, 0)
  return date.toISOString()
}

describe('SaveStatus', () => {
  it('says where and when it saved, in Dutch and in English', () => {
    const at = todayAt(14, 3)
    const nl = renderIn('nl', <SaveStatus state={{ kind: 'saved', at }} onRetry={() => {}} />)
    expect(screen.getByRole('status').textContent).toBe('Opgeslagen (lokaal) · 14:03')
    nl.unmount()
    renderIn('en', <SaveStatus state={{ kind: 'saved', at }} onRetry={() => {}} />)
    expect(screen.getByRole('status').textContent).toBe('Saved locally · 14:03')
  })

  it('gives the date, not only a time, for an earlier day', () => {
    renderIn('nl', <SaveStatus state={{ kind: 'saved', at: '2023-02-01T11:00:00.000Z' }} onRetry={() => {}} />)
    expect(screen.getByRole('status').textContent).toMatch(/^Opgeslagen \(lokaal\) · 1 feb\.? 2023$/)
  })

  it('says why a save failed and offers a retry', () => {
    const onRetry = vi.fn()
    renderIn('nl', <SaveStatus state={{ kind: 'error', code: 'disk-full', retryAt: Date.now() + 1000 }} onRetry={onRetry} />)
    expect(screen.getByRole('status').textContent).toBe('Niet opgeslagen: De schijf is vol. Kopij probeert het zo opnieuw.')
    fireEvent.click(screen.getByRole('button', { name: 'Opnieuw proberen' }))
    expect(onRetry).toHaveBeenCalledOnce()
  })

  it('tells a conflict apart from an error', () => {
    renderIn('en', <SaveStatus state={{ kind: 'conflict', currentRevisionId: 4 }} onRetry={() => {}} />)
    expect(screen.getByRole('status').textContent).toBe('Not saved: the article was changed elsewhere.')
    expect(screen.queryByRole('button')).toBeNull()
  })
})
