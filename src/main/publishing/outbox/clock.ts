// Time for the outbox worker, injectable so tests can move it: now, timers, and the dice of full-jitter backoff.

export interface Clock {
  now(): number
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const timer = setTimeout(fn, ms)
    // An idle outbox must not keep a CLI or a test process alive.
    timer.unref?.()
    return timer
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
}

export interface BackoffPolicy {
  baseMs: number
  maxMs: number
}

export const defaultBackoff: BackoffPolicy = { baseMs: 1000, maxMs: 5 * 60_000 }

/**
 * Exponential backoff with full jitter: a random wait between 0 and min(max, base·2^(attempt−1)), so many clients
 * (or many items) that failed together do not come back together.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)))
  return Math.floor(random() * ceiling)
}

/** A clock that only moves when told to: tests advance it and the timers that fall due run. */
export class ManualClock implements Clock {
  private time: number
  private timers = new Map<number, { at: number; fn: () => void }>()
  private nextId = 1

  constructor(start = Date.parse('2026-01-01T00:00:00Z')) {
    this.time = start
  }

  now = () => this.time

  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = this.nextId++
    this.timers.set(id, { at: this.time + Math.max(0, ms), fn })
    return id
  }

  clearTimeout = (handle: unknown): void => void this.timers.delete(handle as number)

  /** Moves time forward by `ms`, running each timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.time + ms
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0]
      if (!due) break
      this.timers.delete(due[0])
      this.time = Math.max(this.time, due[1].at)
      due[1].fn()
    }
    this.time = end
  }

  get pendingTimers(): number {
    return this.timers.size
  }
}
