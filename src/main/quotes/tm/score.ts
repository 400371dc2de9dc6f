// How alike two sentences are (a CAT tool's match percentage) and where they differ, word by word.
import type { DiffRun } from '../../../shared/quotes'
import { looseKey, normalizeSpace } from '../text'

interface Token {
  /** The token with the space before it, as shown in a diff. */
  shown: string
  text: string
  lower: string
}

function tokensOf(text: string): Token[] {
  const out: Token[] = []
  for (const m of normalizeSpace(text).matchAll(/(\s*)([\p{L}\p{N}\p{M}]+|[^\s\p{L}\p{N}\p{M}])/gu))
    out.push({ shown: m[0], text: m[2]!, lower: m[2]!.toLowerCase() })
  return out
}

/** Character edit distance of two short strings (words); O(a·b) with one row. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0
  if (!a.length) return b.length
  if (!b.length) return a.length
  let row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const next = [i]
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    row = next
  }
  return row[b.length]!
}

/** What replacing one word by another costs: a typo costs a letter, another word costs the longer of the two. */
function substitution(a: Token, b: Token, fine: boolean): number {
  if (a.text === b.text) return 0
  if (a.lower === b.lower) return 0.5
  if (!fine) return Math.max(a.text.length, b.text.length)
  return Math.min(levenshtein(a.lower, b.lower) + 0.5, Math.max(a.text.length, b.text.length))
}

const weight = (tokens: Token[]) => tokens.reduce((sum, t) => sum + t.text.length, 0)

/**
 * Weighted word alignment: inserting or deleting a word costs its length, replacing it its edit distance (`fine`) or
 * the longer length (cheap ranking). Returns the cost and, when asked, the alignment's operations.
 */
function align(a: Token[], b: Token[], fine: boolean, trace: boolean): { cost: number; ops?: ('equal' | 'delete' | 'insert' | 'replace')[] } {
  const n = a.length
  const m = b.length
  const width = m + 1
  const cost = new Float64Array((n + 1) * width)
  for (let j = 1; j <= m; j++) cost[j] = cost[j - 1]! + b[j - 1]!.text.length
  for (let i = 1; i <= n; i++) {
    cost[i * width] = cost[(i - 1) * width]! + a[i - 1]!.text.length
    for (let j = 1; j <= m; j++) {
      const del = cost[(i - 1) * width + j]! + a[i - 1]!.text.length
      const ins = cost[i * width + j - 1]! + b[j - 1]!.text.length
      const sub = cost[(i - 1) * width + j - 1]! + substitution(a[i - 1]!, b[j - 1]!, fine)
      cost[i * width + j] = Math.min(del, ins, sub)
    }
  }
  if (!trace) return { cost: cost[n * width + m]! }
  const ops: ('equal' | 'delete' | 'insert' | 'replace')[] = []
  let i = n
  let j = m
  while (i > 0 || j > 0) {
    const here = cost[i * width + j]!
    if (i > 0 && j > 0 && here === cost[(i - 1) * width + j - 1]! + substitution(a[i - 1]!, b[j - 1]!, fine)) {
      ops.push(a[i - 1]!.text === b[j - 1]!.text ? 'equal' : 'replace')
      i--
      j--
    } else if (i > 0 && here === cost[(i - 1) * width + j]! + a[i - 1]!.text.length) {
      ops.push('delete')
      i--
    } else {
      ops.push('insert')
      j--
    }
  }
  return { cost: cost[n * width + m]!, ops: ops.reverse() }
}

export interface Scored {
  score: number
  diff: DiffRun[]
}

/** A quick upper estimate of the score from lengths alone: candidates that cannot reach the threshold are skipped. */
export function scoreBound(a: string, b: string): number {
  const la = a.length
  const lb = b.length
  return la === 0 && lb === 0 ? 100 : Math.floor((Math.min(la, lb) / Math.max(la, lb)) * 100)
}

/** Cheap score for ranking many candidates (word-level only). */
export function roughScore(memory: string, segment: string): number {
  const a = tokensOf(memory)
  const b = tokensOf(segment)
  const total = Math.max(weight(a), weight(b))
  return total === 0 ? 100 : Math.max(0, Math.floor((1 - align(a, b, false, false).cost / total) * 100))
}

/**
 * The match percentage of a memory's sentence for a segment's, and the diff to show: 100 for the same sentence, 99
 * when only case, spacing or punctuation differ, otherwise at most 98.
 */
export function scoreMatch(memory: string, segment: string): Scored {
  const a = tokensOf(memory)
  const b = tokensOf(segment)
  const { cost, ops } = align(a, b, true, true)
  const total = Math.max(weight(a), weight(b))
  let score: number
  if (normalizeSpace(memory) === normalizeSpace(segment)) score = 100
  else if (looseKey(memory) === looseKey(segment)) score = 99
  else score = total === 0 ? 0 : Math.min(98, Math.max(0, Math.floor((1 - cost / total) * 100)))
  // A changed stretch shows as what the memory has there, then what the segment has instead.
  const diff: DiffRun[] = []
  let deleted = ''
  let inserted = ''
  const flush = () => {
    if (deleted) diff.push({ text: deleted, op: 'delete' })
    if (inserted) diff.push({ text: inserted, op: 'insert' })
    deleted = inserted = ''
  }
  let i = 0
  let j = 0
  for (const op of ops!) {
    if (op === 'equal') {
      flush()
      const last = diff[diff.length - 1]
      if (last?.op === 'equal') last.text += a[i]!.shown
      else diff.push({ text: a[i]!.shown, op: 'equal' })
      i++
      j++
    } else {
      if (op !== 'insert') deleted += a[i++]!.shown
      if (op !== 'delete') inserted += b[j++]!.shown
    }
  }
  flush()
  return { score, diff }
}
