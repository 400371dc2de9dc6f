// Fault injection for tests: errors, latency, resets, answers lost after committing, rate limits, and broken sites.

export interface Faults {
  /** Share of API requests answered 500/502/503 without doing anything. */
  errorRate?: number
  /** Share of API requests whose connection is reset before anything is done. */
  resetRate?: number
  /** Share of API writes that are committed, and then the connection is dropped before the answer. */
  dropAfterCommitRate?: number
  /** Share of API requests answered 429 with Retry-After. */
  rateLimitRate?: number
  retryAfterSeconds?: number
  /** Added to every API request, in milliseconds. */
  latencyMs?: number
  /**
   * A whole site gone wrong: `html` answers every API call with a web page, `login-redirect` sends it to a login
   * page, `huge-error` answers 500 with a 10 MB body, `unauthorized` refuses every token.
   */
  mode?: 'html' | 'login-redirect' | 'huge-error' | 'unauthorized' | null
  /** Seed of the fault dice, so a test run can be repeated. */
  seed?: number
}

export type Fault = 'error' | 'reset' | 'drop-after-commit' | 'rate-limit' | null

/** A small seeded generator (mulberry32): the same seed, the same faults. */
export function dice(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export class FaultSwitch {
  private faults: Faults = {}
  private roll: () => number = Math.random
  readonly counts: Record<Exclude<Fault, null>, number> = { error: 0, reset: 0, 'drop-after-commit': 0, 'rate-limit': 0 }

  constructor(initial?: Faults) {
    if (initial) this.set(initial)
  }

  set(faults: Faults): void {
    this.faults = { ...faults }
    this.roll = faults.seed === undefined ? Math.random : dice(faults.seed)
  }

  get current(): Faults {
    return this.faults
  }

  /** The fault for one request (drop-after-commit only for writes). */
  draw(isWrite: boolean): Fault {
    const f = this.faults
    const r = this.roll()
    let edge = 0
    const pick = (rate: number | undefined, fault: Exclude<Fault, null>): boolean => {
      edge += rate ?? 0
      if (r < edge) {
        this.counts[fault]++
        return true
      }
      return false
    }
    if (pick(f.errorRate, 'error')) return 'error'
    if (pick(f.resetRate, 'reset')) return 'reset'
    if (pick(f.rateLimitRate, 'rate-limit')) return 'rate-limit'
    if (isWrite && pick(f.dropAfterCommitRate, 'drop-after-commit')) return 'drop-after-commit'
    return null
  }
}
