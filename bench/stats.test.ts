import { describe, expect, it } from 'vitest'
import { percentile, round, sample, summarize } from './stats'

describe('percentile', () => {
  it('interpolates between the closest ranks, as numpy does by default', () => {
    const values = [15, 20, 35, 40, 50]
    expect(percentile(values, 0)).toBe(15)
    expect(percentile(values, 50)).toBe(35)
    expect(percentile(values, 100)).toBe(50)
    // rank 0.4 * 4 = 1.6: between 20 and 35
    expect(percentile(values, 40)).toBeCloseTo(29, 10)
    expect(percentile(values, 95)).toBeCloseTo(48, 10)
  })

  it('does not depend on the order of the samples and leaves them unsorted', () => {
    const values = [9, 1, 5, 3, 7]
    expect(percentile(values, 50)).toBe(5)
    expect(values).toEqual([9, 1, 5, 3, 7])
  })

  it('of 1..100 puts p95 at 95.05, not at the maximum', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1)
    expect(percentile(values, 95)).toBeCloseTo(95.05, 10)
    expect(percentile(values, 50)).toBeCloseTo(50.5, 10)
  })

  it('of one sample is that sample, of none is NaN, and refuses a p outside 0–100', () => {
    expect(percentile([4], 95)).toBe(4)
    expect(percentile([], 50)).toBeNaN()
    expect(() => percentile([1, 2], 101)).toThrow(RangeError)
    expect(() => percentile([1, 2], Number.NaN)).toThrow(RangeError)
  })
})

describe('summarize', () => {
  it('gives count, extremes, median, p95 and mean', () => {
    const s = summarize([4, 1, 3, 2])
    expect(s).toMatchObject({ n: 4, min: 1, p50: 2.5, max: 4, mean: 2.5 })
    expect(s.p95).toBeCloseTo(3.85, 10)
  })

  it('of no samples is all NaN with n = 0', () => {
    const s = summarize([])
    expect(s.n).toBe(0)
    expect(s.p95).toBeNaN()
  })
})

describe('round and sample', () => {
  it('rounds to the given digits and leaves NaN alone', () => {
    expect(round(1.23456, 2)).toBe(1.23)
    expect(round(Number.NaN)).toBeNaN()
  })

  it('takes at least min samples after the warm-up and stops at max', () => {
    let calls = 0
    const times = sample(() => void calls++, { warmup: 2, min: 5, max: 7, budgetMs: 60_000 })
    expect(times).toHaveLength(7)
    expect(calls).toBe(9)
    expect(times.every((t) => t >= 0)).toBe(true)
  })
})
