// Summary statistics of the bench's samples: percentiles as numpy's default (linear between closest ranks).

export interface Summary {
  n: number
  min: number
  p50: number
  p95: number
  max: number
  mean: number
}

/** The p-th percentile (0–100) of the samples, interpolating linearly between the two closest ranks. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0–100, not ${p}`)
  const sorted = [...values].sort((a, b) => a - b)
  const rank = (p / 100) * (sorted.length - 1)
  const low = Math.floor(rank)
  const high = Math.ceil(rank)
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low)
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) return { n: 0, min: Number.NaN, p50: Number.NaN, p95: Number.NaN, max: Number.NaN, mean: Number.NaN }
  let min = Infinity
  let max = -Infinity
  let sum = 0
  for (const v of values) {
    if (v < min) min = v
    if (v > max) max = v
    sum += v
  }
  return { n: values.length, min, p50: percentile(values, 50), p95: percentile(values, 95), max, mean: sum / values.length }
}

/** Rounds for the JSON file: sub-millisecond detail is noise on a loaded machine, but not for fast baselines. */
export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value)) return value
  const scale = 10 ** digits
  return Math.round(value * scale) / scale
}

export function roundSummary(summary: Summary, digits = 3): Summary {
  return {
    n: summary.n,
    min: round(summary.min, digits),
    p50: round(summary.p50, digits),
    p95: round(summary.p95, digits),
    max: round(summary.max, digits),
    mean: round(summary.mean, digits),
  }
}

/** Runs `work` repeatedly after `warmup` untimed runs: at least `min` samples, more while `budgetMs` lasts, at most `max`. */
export function sample(work: () => void, options: { warmup?: number; min?: number; max?: number; budgetMs?: number } = {}): number[] {
  const { warmup = 3, min = 20, max = 200, budgetMs = 1000 } = options
  for (let i = 0; i < warmup; i++) work()
  const times: number[] = []
  const started = performance.now()
  while (times.length < max && (times.length < min || performance.now() - started < budgetMs)) {
    const t = performance.now()
    work()
    times.push(performance.now() - t)
  }
  return times
}

export async function sampleAsync(work: () => Promise<unknown>, options: { warmup?: number; min?: number; max?: number; budgetMs?: number } = {}): Promise<number[]> {
  const { warmup = 3, min = 20, max = 200, budgetMs = 1000 } = options
  for (let i = 0; i < warmup; i++) await work()
  const times: number[] = []
  const started = performance.now()
  while (times.length < max && (times.length < min || performance.now() - started < budgetMs)) {
    const t = performance.now()
    await work()
    times.push(performance.now() - t)
  }
  return times
}
