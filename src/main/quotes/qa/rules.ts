// QA of a quote: every rule over every segment, and over the quote as a whole; findings in reading order.
import type { Finding, FindingDetails, FindingKind, GlossaryHit, Severity } from '../../../shared/quotes'
import { findDutchTerm } from '../glossary/match'
import { countSentences } from '../segment'
import type { StoredSegment } from '../store'
import { compoundWordsOf, looseKey } from '../text'
import { negationsOf } from './negation'
import { compareNumbers } from './numbers'

export const severities: Record<FindingKind, Severity> = {
  untranslated: 'warning',
  'empty-segment': 'warning',
  'sentence-count': 'warning',
  'segment-count': 'warning',
  numbers: 'error',
  negation: 'error',
  'glossary-forbidden': 'error',
  'glossary-missing': 'warning',
  'same-as-original': 'warning',
  stale: 'error',
  'no-source': 'error',
  'no-locator': 'warning',
  'quote-missing': 'error',
}

export interface QuoteForQa {
  id: string
  sourceId: string | null
  /** The library has the source (an id of a deleted source is no source). */
  sourceFound: boolean
  locator: string
}

export function finding(quoteId: string, kind: FindingKind, at: { segmentId: string; index: number } | null, details: FindingDetails = {}, key = ''): Finding {
  return {
    id: [kind, at?.segmentId ?? quoteId, key].filter(Boolean).join(':'),
    quoteId,
    segmentId: at?.segmentId ?? null,
    segment: at ? at.index + 1 : null,
    kind,
    severity: severities[kind],
    details,
  }
}

/** The findings of one segment that has a translation: numbers, negation, glossary, sentence count, copies, staleness. */
function checkSegment(quoteId: string, segment: StoredSegment, index: number, hits: readonly GlossaryHit[]): Finding[] {
  const at = { segmentId: segment.id, index }
  const out: Finding[] = []
  const original = segment.original
  const translation = segment.translation
  if (!original.trim()) return [finding(quoteId, 'empty-segment', at)]
  if (!translation.trim()) return [finding(quoteId, 'untranslated', at)]
  if (segment.stale) out.push(finding(quoteId, 'stale', at))

  const sentences = { original: countSentences(original, 'en'), translation: countSentences(translation, 'nl') }
  if (sentences.original !== sentences.translation) out.push(finding(quoteId, 'sentence-count', at, sentences))

  const numbers = compareNumbers(original, translation)
  if (numbers.missing.length || numbers.extra.length) out.push(finding(quoteId, 'numbers', at, { missing: numbers.missing, extra: numbers.extra }, [...numbers.missing, '|', ...numbers.extra].join(' ')))
  for (const written of numbers.decimalPoints)
    out.push(finding(quoteId, 'numbers', at, { variant: written, preferred: [written.replace(/^(\d+)\.(\d+)/, '$1,$2')], note: 'decimal-point' }, `point ${written}`))

  const negations = { original: negationsOf(original, 'en'), translation: negationsOf(translation, 'nl') }
  if ((negations.original.length === 0) !== (negations.translation.length === 0)) {
    const side = negations.original.length ? 'original' : 'translation'
    out.push(finding(quoteId, 'negation', at, { side, words: [...new Set(negations[side])] }))
  }

  const words = compoundWordsOf(translation)
  const seen = new Set<string>()
  for (const hit of hits) {
    if (seen.has(hit.entryId)) continue
    seen.add(hit.entryId)
    const used = hit.forbidden.filter((variant) => findDutchTerm(translation, variant, words))
    for (const variant of used) out.push(finding(quoteId, 'glossary-forbidden', at, { term: hit.term, variant, preferred: hit.preferred, note: hit.note }, `${hit.entryId}:${variant}`))
    if (!hit.preferred.some((term) => findDutchTerm(translation, term, words)))
      out.push(finding(quoteId, 'glossary-missing', at, { term: hit.term, preferred: hit.preferred, note: hit.note }, hit.entryId))
  }

  // A copied original not yet translated; a sentence of only names and numbers may rightly stay the same.
  if (looseKey(original) === looseKey(translation) && (original.match(/\p{Ll}{3,}/gu) ?? []).length >= 2) out.push(finding(quoteId, 'same-as-original', at))
  return out
}

/** Every finding of a quote: its source and locator, the count of sentences on both sides, then each segment's. */
export function checkQuote(quote: QuoteForQa, segments: readonly StoredSegment[], hits: readonly (readonly GlossaryHit[])[]): Finding[] {
  const out: Finding[] = []
  if (!quote.sourceId || !quote.sourceFound) out.push(finding(quote.id, 'no-source', null, quote.sourceId ? { variant: quote.sourceId } : {}))
  else if (!quote.locator.trim()) out.push(finding(quote.id, 'no-locator', null))

  const perSegment = segments.map((segment, index) => checkSegment(quote.id, segment, index, hits[index] ?? []))
  // Sentences of the translated segments, counted on both sides: a rendering with more or fewer sentences than it claims.
  let originalCount = 0
  let translationCount = 0
  let first: { segmentId: string; index: number } | null = null
  segments.forEach((segment, index) => {
    if (!segment.translation.trim()) return
    const counts = perSegment[index]!.find((f) => f.kind === 'sentence-count')?.details
    const o = counts?.original ?? countSentences(segment.original, 'en')
    const t = counts?.translation ?? o
    originalCount += o
    translationCount += t
    if (o !== t && !first) first = { segmentId: segment.id, index }
  })
  if (originalCount !== translationCount) out.push(finding(quote.id, 'segment-count', first, { original: originalCount, translation: translationCount }, 'quote'))
  for (const list of perSegment) out.push(...list)
  return out
}
