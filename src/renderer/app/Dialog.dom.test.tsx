import { fireEvent, screen } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { renderIn } from '../testing'
import { ShortcutHelp } from './ShortcutHelp'

function Opener() {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        {'?'}
      </button>
      {open ? <ShortcutHelp onClose={() => setOpen(false)} /> : null}
    </>
  )
}

describe('the shortcut overlay', () => {
  it('is a modal dialog that keeps focus inside, closes on Escape and gives focus back', () => {
    renderIn('en', <Opener />)
    const opener = screen.getByRole('button', { name: '?' })
    opener.focus()
    fireEvent.click(opener)
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' })
    expect(dialog.getAttribute('aria-modal')).toBe('true')
    const close = screen.getByRole('button', { name: 'Close' })
    expect(document.activeElement).toBe(close)
    // Tab from the last (only) control wraps around instead of leaving the dialog.
    fireEvent.keyDown(close, { key: 'Tab' })
    expect(dialog.contains(document.activeElement)).toBe(true)
    expect(screen.getByText('Bold').closest('.shortcut-row')?.querySelector('kbd')?.textContent).toMatch(/^(Ctrl\+B|⌘B)$/)
    fireEvent.keyDown(dialog, { key: 'Escape' })
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(opener)
  })
})
