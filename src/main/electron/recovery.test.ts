import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import { watchRenderer, type RecoveryOptions } from './recovery'

function setup(overrides: Partial<RecoveryOptions> = {}) {
  const contents = Object.assign(new EventEmitter(), {
    destroyed: false,
    isDestroyed() {
      return this.destroyed
    },
    forcefullyCrashRenderer: vi.fn(),
  })
  let clock = 0
  const options = {
    reload: vi.fn(),
    askReloadHung: vi.fn(async () => true),
    askRetryAfterCrashes: vi.fn(async () => true),
    quit: vi.fn(),
    now: () => clock,
    ...overrides,
  }
  const stop = watchRenderer(contents as never, options)
  const gone = (reason = 'crashed') => contents.emit('render-process-gone', {}, { reason, exitCode: 1 })
  return { contents, options, stop, gone, tick: (ms: number) => (clock += ms) }
}

describe('renderer recovery', () => {
  it('reloads the page when its process dies', () => {
    const { options, gone } = setup()
    gone('crashed')
    expect(options.reload).toHaveBeenCalledOnce()
    gone('oom')
    expect(options.reload).toHaveBeenCalledTimes(2)
  })

  it('does nothing for a clean exit or a window already gone', () => {
    const { options, gone, contents } = setup()
    gone('clean-exit')
    contents.destroyed = true
    gone('crashed')
    expect(options.reload).not.toHaveBeenCalled()
  })

  it('stops reloading after repeated crashes and asks; quits when the editor says so', async () => {
    const { options, gone, tick } = setup({ askRetryAfterCrashes: vi.fn(async () => false) })
    for (let i = 0; i < 4; i++) {
      gone()
      tick(1000)
    }
    expect(options.reload).toHaveBeenCalledTimes(3)
    await vi.waitFor(() => expect(options.quit).toHaveBeenCalledOnce())
    expect(options.askRetryAfterCrashes).toHaveBeenCalledOnce()
  })

  it('tries again after repeated crashes when the editor asks, with a fresh count', async () => {
    const { options, gone } = setup()
    for (let i = 0; i < 4; i++) gone()
    await vi.waitFor(() => expect(options.reload).toHaveBeenCalledTimes(4))
    gone()
    expect(options.reload).toHaveBeenCalledTimes(5)
    expect(options.quit).not.toHaveBeenCalled()
  })

  it('forgets crashes older than the window', () => {
    const { options, gone, tick } = setup()
    for (let i = 0; i < 10; i++) {
      gone()
      tick(30_000)
    }
    expect(options.reload).toHaveBeenCalledTimes(10)
    expect(options.askRetryAfterCrashes).not.toHaveBeenCalled()
  })

  it('offers to reload a hung page; on yes ends the hung process and reloads once', async () => {
    const { options, contents, gone } = setup()
    contents.emit('unresponsive')
    contents.emit('unresponsive')
    expect(options.askReloadHung).toHaveBeenCalledOnce()
    await vi.waitFor(() => expect(options.reload).toHaveBeenCalledOnce())
    expect(contents.forcefullyCrashRenderer).toHaveBeenCalledOnce()
    gone('killed')
    expect(options.reload).toHaveBeenCalledOnce()
  })

  it('waits when the editor chooses to, and closes the question when the page recovers', async () => {
    let signal: AbortSignal | undefined
    const { options, contents } = setup({
      askReloadHung: vi.fn((s: AbortSignal) => {
        signal = s
        return new Promise<boolean>((resolve) => s.addEventListener('abort', () => resolve(false)))
      }),
    })
    contents.emit('unresponsive')
    contents.emit('responsive')
    expect(signal?.aborted).toBe(true)
    await Promise.resolve()
    expect(options.reload).not.toHaveBeenCalled()
    expect(contents.forcefullyCrashRenderer).not.toHaveBeenCalled()
  })

  it('stops watching when disposed', () => {
    const { options, gone, stop, contents } = setup()
    stop()
    gone()
    contents.emit('unresponsive')
    expect(options.reload).not.toHaveBeenCalled()
    expect(options.askReloadHung).not.toHaveBeenCalled()
  })
})
