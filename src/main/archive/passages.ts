// Marked passages for search hits: the matching words of a title, and a passage of the text around them.
import type { HighlightedText } from '../../shared/articles'
import { fold, type QueryTerm } from './query'

const tokenPattern = /[\p{L}\p{N}\p{Co}\p{M}]+/gu

function matches(token: string, terms: QueryTerm[]): boolean {
  // Most tokens are plain ASCII; Unicode normalisation is the costly part of folding, so only pay it when needed.
  const folded = /[^\x00-\x7f]/.test(token) ? fold(token) : token.toLowerCase()
  return terms.some((t) => (t.prefix ? folded.startsWith(t.word) : folded === t.word))
}

/** The whole text (a title) with every matching word marked. */
export function markAll(text: string, terms: QueryTerm[]): HighlightedText {
  const runs: HighlightedText = []
  let at = 0
  for (const m of text.matchAll(tokenPattern)) {
    if (!matches(m[0], terms)) continue
    if (m.index > at) runs.push({ text: text.slice(at, m.index), match: false })
    runs.push({ text: m[0], match: true })
    at = m.index + m[0].length
  }
  if (at < text.length) runs.push({ text: text.slice(at), match: false })
  return runs
}

/** Tokens a passage is cut from: enough after the first match to find a cluster, never a whole long article. */
const scanAfterFirstHit = 4
const scanWithoutHit = 5000

/** A passage of about `size` words around the densest cluster of matches, with ellipses where it was cut. */
export function snippet(text: string, terms: QueryTerm[], size = 24): HighlightedText {
  const tokens: { start: number; end: number; hit: boolean }[] = []
  let firstHit = -1
  for (const m of text.matchAll(tokenPattern)) {
    const hit = matches(m[0], terms)
    tokens.push({ start: m.index, end: m.index + m[0].length, hit })
    if (hit && firstHit < 0) firstHit = tokens.length - 1
    if (tokens.length >= (firstHit < 0 ? scanWithoutHit : firstHit + scanAfterFirstHit * size)) break
  }
  if (tokens.length === 0) return []
  const hits = tokens.flatMap((t, i) => (t.hit ? [i] : []))
  let from = 0
  let best = -1
  for (const h of hits) {
    const start = Math.max(0, Math.min(h - 3, tokens.length - size))
    const count = hits.filter((x) => x >= start && x < start + size).length
    if (count > best) [best, from] = [count, start]
  }
  const to = Math.min(tokens.length, from + size)
  const runs = markAll(text.slice(tokens[from]!.start, tokens[to - 1]!.end).replace(/\s+/g, ' '), terms)
  if (from > 0) runs.unshift({ text: '…', match: false })
  if (to < tokens.length || tokens[to - 1]!.end < text.trimEnd().length) runs.push({ text: '…', match: false })
  return runs
}
