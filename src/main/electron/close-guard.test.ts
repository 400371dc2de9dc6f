import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import type { CloseAnswer } from '../closing'
import { guardClose } from './close-guard'

function fakeWindow() {
  const emitter = new EventEmitter()
  const window = {
    closedFor: 0,
    on: (name: string, listener: (event: { preventDefault(): void }) => void) => emitter.on(name, listener),
    isDestroyed: () => false,
    close: vi.fn(() => {
      const event = { prevented: false, preventDefault() {
        this.prevented = true
      } }
      emitter.emit('close', event)
      if (!event.prevented) window.closedFor++
    }),
  }
  return window
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('closing the window', () => {
  it('waits until the renderer has saved, then closes', async () => {
    const window = fakeWindow()
    let answer!: (a: CloseAnswer) => void
    const request = vi.fn(() => new Promise<CloseAnswer>((resolve) => (answer = resolve)))
    guardClose(window, { request, askCloseUnsaved: vi.fn() })
    window.close()
    expect(window.closedFor).toBe(0)
    window.close() // a second click while waiting asks nothing new
    expect(request).toHaveBeenCalledOnce()
    answer('saved')
    await settle()
    expect(window.closedFor).toBe(1)
  })

  it('asks before dropping a draft that could not be saved, and stays open when told to', async () => {
    const window = fakeWindow()
    const askCloseUnsaved = vi.fn(async () => false)
    guardClose(window, { request: async () => 'unsaved', askCloseUnsaved })
    window.close()
    await settle()
    expect(askCloseUnsaved).toHaveBeenCalledOnce()
    expect(window.closedFor).toBe(0)
    askCloseUnsaved.mockResolvedValueOnce(true)
    window.close()
    await settle()
    expect(window.closedFor).toBe(1)
  })

  it('closes a hung page without asking, and carries on quitting', async () => {
    const window = fakeWindow()
    const closed = vi.fn()
    const askCloseUnsaved = vi.fn()
    guardClose(window, { request: async () => 'no-answer', askCloseUnsaved, closed })
    window.close()
    await settle()
    expect(window.closedFor).toBe(1)
    expect(askCloseUnsaved).not.toHaveBeenCalled()
    expect(closed).toHaveBeenCalledOnce()
  })
})
