// Segment edits as pure functions: a quote's first segments, a new original, a split and a merge. Nothing is re-aligned silently.
import { ApiError } from '../../shared/errors'
import type { SegmentStatus } from '../../shared/quotes'
import { alignSentences } from './align'
import { splitSentences } from './segment'
import type { NewSegment, StoredSegment } from './store'
import { hashText, normalizeSpace } from './text'

/** The segments of a new quote: the original's sentences, paired with those of a translation written before. */
export function firstSegments(original: string, translation: string): NewSegment[] {
  return alignSentences(splitSentences(original, 'en'), splitSentences(translation, 'nl'))
}

/** A segment kept as it is (its translation still written for the original it has). */
const kept = (s: StoredSegment, paragraphStart = s.paragraphStart): NewSegment => ({
  id: s.id,
  paragraphStart,
  original: s.original,
  translation: s.translation,
  status: s.status,
  translatedHash: s.translatedHash,
})

/** A hash no original has: a translation carried to another original keeps it, so it stays stale until confirmed. */
const carriedHash = (from: readonly StoredSegment[]) => `carried:${hashText(from.map((s) => s.original).join(' '))}`

/**
 * Segments for a new original of the whole quote. Sentences that did not change keep their segment (translation and
 * status). Where sentences changed, a changed stretch of as many sentences as before keeps its segments with the new
 * originals; a stretch of another length gets new segments, and the translations written for the old sentences go,
 * joined, into the first of them. Either way those translations are stale: kept, shown, never quietly taken as fitting.
 */
export function resegment(old: readonly StoredSegment[], original: string): NewSegment[] {
  const sentences = splitSentences(original, 'en')
  const a = old.map((s) => normalizeSpace(s.original))
  const b = sentences.map((s) => s.text)
  // Longest common subsequence of unchanged sentences.
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1))
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!)
  const out: NewSegment[] = []
  let gapOld: StoredSegment[] = []
  let gapNew: typeof sentences = []
  const flush = () => {
    if (gapOld.length === gapNew.length)
      gapNew.forEach((s, k) => out.push({ ...kept(gapOld[k]!, s.paragraphStart), original: s.text, translatedHash: gapOld[k]!.translation.trim() ? (gapOld[k]!.translatedHash ?? gapOld[k]!.originalHash) : null }))
    else {
      const translation = gapOld.map((s) => s.translation.trim()).filter(Boolean).join(' ')
      gapNew.forEach((s, k) => {
        const carry = k === 0 && translation !== ''
        out.push({ paragraphStart: s.paragraphStart, original: s.text, translation: carry ? translation : '', status: carry ? 'draft' : 'new', translatedHash: carry ? carriedHash(gapOld) : null })
      })
    }
    gapOld = []
    gapNew = []
  }
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      flush()
      out.push(kept(old[i]!, sentences[j]!.paragraphStart))
      i++
      j++
    } else if (j < b.length && (i === a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) gapNew.push(sentences[j++]!)
    else gapOld.push(old[i++]!)
  }
  flush()
  return out
}

const statusAfterChange = (translation: string): SegmentStatus => (translation.trim() ? 'draft' : 'new')

/** Two segments from one: the original cut at `at`, the translation at `translationAt` (else all of it stays first). */
export function splitSegment(segment: StoredSegment, at: number, translationAt?: number): [NewSegment, NewSegment] {
  const first = segment.original.slice(0, at).trim()
  const second = segment.original.slice(at).trim()
  if (!first || !second) throw new ApiError('invalid-input', 'A segment is split between two parts that both have text.')
  const cut = translationAt !== undefined && translationAt <= segment.translation.length ? translationAt : segment.translation.length
  const t1 = segment.translation.slice(0, cut).trim()
  const t2 = segment.translation.slice(cut).trim()
  // A stale translation stays stale in both halves; a current one is taken as written for its half.
  const hash = (t: string) => (!t ? null : segment.stale ? segment.translatedHash : undefined)
  return [
    { id: segment.id, paragraphStart: segment.paragraphStart, original: first, translation: t1, status: statusAfterChange(t1), translatedHash: hash(t1) },
    { paragraphStart: false, original: second, translation: t2, status: statusAfterChange(t2), translatedHash: hash(t2) },
  ]
}

const rank: Record<SegmentStatus, number> = { new: 0, draft: 1, translated: 2, reviewed: 3 }

/** One segment from two: confirmed only if both were (as the lesser of the two), stale if either was. */
export function mergeSegments(a: StoredSegment, b: StoredSegment): NewSegment {
  const translation = [a.translation.trim(), b.translation.trim()].filter(Boolean).join(' ')
  const bothConfirmed = rank[a.status] >= 2 && rank[b.status] >= 2
  const stale = a.stale ? a : b.stale ? b : null
  const status: SegmentStatus = bothConfirmed && !stale ? (rank[a.status] <= rank[b.status] ? a.status : b.status) : statusAfterChange(translation)
  return {
    id: a.id,
    paragraphStart: a.paragraphStart,
    original: `${a.original.trim()} ${b.original.trim()}`,
    translation,
    status,
    translatedHash: !translation ? null : stale ? stale.translatedHash : undefined,
  }
}
