import { describe, expect, it, vi } from 'vitest'
import { CloseCoordinator } from './closing'
import { EventBus } from './events'

describe('closing a window', () => {
  it('asks the renderer and waits for its answer', async () => {
    const events = new EventBus()
    const closing = new CloseCoordinator(events)
    const asked = vi.fn()
    events.subscribe((name) => name === 'app.closing' && asked())
    const answer = closing.request(5_000)
    expect(asked).toHaveBeenCalledOnce()
    closing.handlers()['app.readyToClose']({ saved: false })
    expect(await answer).toBe('unsaved')
  })

  it('closes anyway when a hung renderer never answers', async () => {
    vi.useFakeTimers()
    try {
      const closing = new CloseCoordinator(new EventBus())
      const answer = closing.request(2_000)
      vi.advanceTimersByTime(2_000)
      expect(await answer).toBe('no-answer')
      // A late answer finds nobody waiting and changes nothing.
      expect(closing.handlers()['app.readyToClose']({ saved: true })).toEqual({})
    } finally {
      vi.useRealTimers()
    }
  })
})
