// Pairing the sentences of a pasted translation with the original's (Gale–Church by length, helped by shared numbers).
import type { NewSegment } from './store'
import type { Sentence } from './segment'
import { numbersOf } from './qa/numbers'

/** Dutch runs about 10 % longer than English; the variance is Gale and Church's. */
const ratio = 1.1
const variance = 6.8
const beads: [number, number, number][] = [
  // [original sentences, translation sentences, prior probability]
  [1, 1, 0.89],
  [1, 0, 0.005],
  [0, 1, 0.005],
  [2, 1, 0.045],
  [1, 2, 0.045],
  [2, 2, 0.011],
  [1, 3, 0.01],
  [3, 1, 0.01],
]

/** Standard normal upper tail, twice (the two-sided probability of a deviation at least |z|). */
function twoTail(z: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(z))
  const d = 0.3989423 * Math.exp((-z * z) / 2)
  const p = d * t * (0.3193815 + t * (-0.3565638 + t * (1.781478 + t * (-1.821256 + t * 1.330274))))
  return 2 * p
}

function lengthCost(original: number, translation: number): number {
  if (original === 0 && translation === 0) return 0
  const mean = (original + translation / ratio) / 2
  const z = (translation - original * ratio) / Math.sqrt(Math.max(mean, 1) * variance)
  return -Math.log(Math.max(twoTail(z), 1e-12))
}

/** Numbers shared by both sides make a pairing likelier; numbers on one side only make it less likely. */
function numberCost(a: number[], b: number[]): number {
  if (a.length === 0 && b.length === 0) return 0
  const rest = [...b]
  let shared = 0
  for (const value of a) {
    const at = rest.findIndex((v) => Math.abs(v - value) < 1e-9)
    if (at >= 0) {
      shared++
      rest.splice(at, 1)
    }
  }
  return (a.length - shared + rest.length) * 1.5 - shared * 1.5
}

/**
 * Segments for an original and a translation written before: sentence pairs where the counts agree, otherwise the
 * likeliest pairing. Original sentences paired with one translation sentence together become one segment (the
 * sentence-count check names them); a translation sentence paired with none joins the segment before it. Nothing of
 * either text is dropped. Every segment with a translation is a draft: nothing pasted is confirmed.
 */
export function alignSentences(original: Sentence[], translation: Sentence[]): NewSegment[] {
  const n = original.length
  const m = translation.length
  if (m === 0) return original.map((s) => ({ paragraphStart: s.paragraphStart, original: s.text, translation: '', status: 'new' }))
  let pairs: [number[], number[]][]
  if (n === m) pairs = original.map((_, i) => [[i], [i]])
  else {
    const lengths = { o: original.map((s) => s.text.length), t: translation.map((s) => s.text.length) }
    const numbers = { o: original.map((s) => numbersOf(s.text, 'en').map((x) => x.value)), t: translation.map((s) => numbersOf(s.text, 'nl').map((x) => x.value)) }
    const sum = (list: number[], from: number, to: number) => list.slice(from, to).reduce((x, y) => x + y, 0) + Math.max(0, to - from - 1)
    // Far from the diagonal no pairing is likely; a band keeps a long quote's alignment near-linear.
    const band = Math.max(8, Math.abs(n - m) + 4)
    const cost = Array.from({ length: n + 1 }, () => new Float64Array(m + 1).fill(Infinity))
    const back: [number, number][][] = Array.from({ length: n + 1 }, () => Array.from({ length: m + 1 }, () => [0, 0] as [number, number]))
    cost[0]![0] = 0
    for (let i = 0; i <= n; i++)
      for (let j = 0; j <= m; j++) {
        if ((i === 0 && j === 0) || Math.abs(j - (i * m) / n) > band) continue
        for (const [di, dj, prior] of beads) {
          if (di > i || dj > j || cost[i - di]![j - dj] === Infinity) continue
          const c =
            cost[i - di]![j - dj]! -
            Math.log(prior) +
            lengthCost(sum(lengths.o, i - di, i), sum(lengths.t, j - dj, j)) +
            numberCost(numbers.o.slice(i - di, i).flat(), numbers.t.slice(j - dj, j).flat())
          if (c < cost[i]![j]!) {
            cost[i]![j] = c
            back[i]![j] = [di, dj]
          }
        }
      }
    pairs = []
    for (let i = n, j = m; i > 0 || j > 0; ) {
      const [di, dj] = back[i]![j]!
      pairs.unshift([Array.from({ length: di }, (_, k) => i - di + k), Array.from({ length: dj }, (_, k) => j - dj + k)])
      i -= di
      j -= dj
    }
  }
  const segments: NewSegment[] = []
  let orphan: string[] = []
  for (const [os, ts] of pairs) {
    const text = ts.map((k) => translation[k]!.text)
    if (os.length === 0) {
      const last = segments[segments.length - 1]
      if (last) last.translation = [last.translation, ...text].filter(Boolean).join(' ')
      else orphan.push(...text)
      continue
    }
    const joined = [...orphan, ...text].join(' ')
    orphan = []
    segments.push({
      paragraphStart: original[os[0]!]!.paragraphStart,
      original: os.map((k) => original[k]!.text).join(' '),
      translation: joined,
      status: joined ? 'draft' : 'new',
    })
  }
  for (const s of segments) s.status = s.translation.trim() ? 'draft' : 'new'
  return segments
}
