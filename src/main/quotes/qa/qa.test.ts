import { describe, expect, it } from 'vitest'
import type { GlossaryEntry } from '../../../shared/quotes'
import { GlossaryMatcher } from '../glossary/match'
import type { StoredSegment } from '../store'
import { hashText } from '../text'
import { negationsOf } from './negation'
import { compareNumbers, numbersOf } from './numbers'
import { checkQuote, type QuoteForQa } from './rules'

const entry = (term: string, preferred: string[], forbidden: string[] = []): GlossaryEntry => ({ id: `00000000-0000-4000-8000-${String(term.length).padStart(12, '0')}`, term, preferred, forbidden, note: '', updatedAt: '' })
const glossary = new GlossaryMatcher([entry('acupuncture', ['acupunctuur']), entry('μ-opioid', ['μ-opioïd'], ['opiaat']), entry('adenosine', ['adenosine'], ['neurohormoon'])])

let n = 0
function segment(original: string, translation: string, extra: Partial<StoredSegment> = {}): StoredSegment {
  const originalHash = hashText(original)
  return { id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, paragraphStart: true, original, translation, status: translation ? 'draft' : 'new', originalHash, translatedHash: translation ? originalHash : null, stale: false, updatedAt: '', ...extra }
}
const quote: QuoteForQa = { id: 'q', sourceId: 'berman-2010-acupuncture', sourceFound: true, locator: '457' }
const kinds = (segments: StoredSegment[], q = quote) => checkQuote(q, segments, segments.map((s) => glossary.hits(s.original))).map((f) => [f.segment, f.kind, f.details])

describe('numbers', () => {
  it('reads English and Dutch numbers with their units, decimal comma and point, thousands, percentages', () => {
    expect(numbersOf('1.5 mg, 1,000 patients, 30% and 8 weeks', 'en').map((x) => [x.value, x.unit])).toEqual([[1.5, 'mg'], [1000, null], [30, '%'], [8, 'week']])
    expect(numbersOf('1,5 mg, 1.000 patiënten, 30 procent en acht weken', 'nl').map((x) => [x.value, x.unit])).toEqual([[1.5, 'mg'], [1000, null], [30, '%'], [8, null]])
    expect(numbersOf('T2 and H1N1 are names', 'en')).toEqual([])
    expect(numbersOf('dit in acht nemen', 'nl')).toEqual([])
  })

  it('pairs ranges however they are written, and names what differs', () => {
    expect(compareNumbers('a course of 10 to 12 treatments over 8 weeks', 'een kuur van 10–12 behandelingen in 8 weken')).toEqual({ missing: [], extra: [], decimalPoints: [] })
    expect(compareNumbers('10 to 12 treatments over 8 weeks', '10 tot 21 behandelingen in 8 maanden')).toEqual({ missing: ['12', '8 weeks'], extra: ['21', '8 maanden'], decimalPoints: [] })
    expect(compareNumbers('a dose of 1.5 mg', 'een dosis van 1,5 mg')).toEqual({ missing: [], extra: [], decimalPoints: [] })
    expect(compareNumbers('a dose of 1.5 mg', 'een dosis van 1.5 mg').decimalPoints).toEqual(['1.5 mg'])
    expect(compareNumbers('a dose of 1.5 mg', 'een dosis van 1,5 g')).toMatchObject({ missing: ['1.5 mg'], extra: ['1,5 g'] })
    expect(compareNumbers('1,000 patients (30%)', '1.000 patiënten (30 %)')).toMatchObject({ missing: [], extra: [] })
    expect(compareNumbers('1,000 patients', '1,000 patiënten')).toMatchObject({ missing: ['1,000'], extra: ['1,000'] })
  })
})

describe('negation', () => {
  it('finds not, no, never, n’t and without, and their Dutch counterparts', () => {
    expect(negationsOf("Patients who do not respond, don't improve or never had no effect without it", 'en')).toEqual(['not', "n't", 'never', 'no', 'without'])
    expect(negationsOf('Geen effect, niet beter, nooit; niet-steroïde middelen', 'nl')).toEqual(['geen', 'niet', 'nooit', 'niet'])
    expect(negationsOf('See No. 5 and none of the others', 'en')).toEqual(['none'])
  })
})

describe('QA rules', () => {
  it('untranslated and empty segments', () => {
    expect(kinds([segment('Acupuncture works.', ''), segment(' ', '')])).toEqual([
      [1, 'untranslated', {}],
      [2, 'empty-segment', {}],
    ])
  })

  it('a segment whose translation has more sentences, and a quote whose translation has more in all', () => {
    expect(kinds([segment('Acupuncture increases blood flow.', 'Acupunctuur verhoogt de doorbloeding.\nOok in de hersenen.')])).toEqual([
      [1, 'segment-count', { original: 1, translation: 2 }],
      [1, 'sentence-count', { original: 1, translation: 2 }],
    ])
  })

  it('numbers that differ', () => {
    expect(kinds([segment('We suggest 10 to 12 treatments over 8 weeks.', 'Wij raden 10 tot 12 behandelingen in 6 weken aan.')])).toEqual([[1, 'numbers', { missing: ['8 weeks'], extra: ['6 weken'] }]])
    expect(kinds([segment('A dose of 1.5 mg helps.', 'Een dosis van 1.5 mg helpt.')])).toEqual([[1, 'numbers', { variant: '1.5 mg', preferred: ['1,5 mg'], note: 'decimal-point' }]])
  })

  it('a negation on one side only', () => {
    expect(kinds([segment('Patients who do not have a response to self-care.', 'Patiënten met een reactie op zelfzorg.')])).toEqual([[1, 'negation', { side: 'original', words: ['not'] }]])
    expect(kinds([segment('Patients who respond to self-care.', 'Patiënten die niet reageren op zelfzorg.')])).toEqual([[1, 'negation', { side: 'translation', words: ['niet'] }]])
    expect(kinds([segment('Patients who do not respond.', 'Patiënten die niet reageren.')])).toEqual([])
  })

  it('glossary: a forbidden variant used, a preferred term missing, compounds and inflections accepted', () => {
    expect(kinds([segment('Acupuncture increases μ-opioid binding.', 'Acupunctuurbehandelingen verhogen de binding aan opiaten.')]).map(([s, k, d]) => [s, k, (d as { variant?: string; term?: string }).variant ?? (d as { term?: string }).term])).toEqual([
      [1, 'glossary-forbidden', 'opiaat'],
      [1, 'glossary-missing', 'μ-opioid'],
    ])
    expect(kinds([segment('Release of adenosine.', 'Afgifte van het neuro-hormoon adenosine.')]).map(([, k]) => k)).toEqual(['glossary-forbidden'])
    expect(kinds([segment('Acupuncture increases μ-opioid binding.', 'Elektroacupunctuur verhoogt de binding aan μ-opioïdreceptoren.')])).toEqual([])
  })

  it('a translation that is the original copied', () => {
    expect(kinds([segment('The results were clear.', 'The results were clear.')]).map(([, k]) => k)).toEqual(['same-as-original'])
    expect(kinds([segment('NEJM 2010;363:454-461.', 'NEJM 2010;363:454-461.')])).toEqual([])
  })

  it('a stale translation (the original changed after it was written)', () => {
    expect(kinds([segment('Acupuncture helps a lot.', 'Acupunctuur helpt.', { stale: true, translatedHash: hashText('Acupuncture helps.') })]).map(([, k]) => k)).toEqual(['stale'])
  })

  it('a quote without source or locator', () => {
    const ok = [segment('Acupuncture helps.', 'Acupunctuur helpt.')]
    expect(kinds(ok, { ...quote, sourceId: null })).toEqual([[null, 'no-source', {}]])
    expect(kinds(ok, { ...quote, sourceFound: false })).toEqual([[null, 'no-source', { variant: 'berman-2010-acupuncture' }]])
    expect(kinds(ok, { ...quote, locator: ' ' })).toEqual([[null, 'no-locator', {}]])
  })

  it('gives each finding a stable id, a severity and the 1-based segment it jumps to', () => {
    const segments = [segment('We suggest 8 weeks.', 'Wij raden 8 weken aan.'), segment('Not 6 weeks.', 'Geen 7 weken.')]
    const first = checkQuote(quote, segments, [[], []])
    const again = checkQuote(quote, segments, [[], []])
    expect(first.map((f) => f.id)).toEqual(again.map((f) => f.id))
    expect(first).toEqual([expect.objectContaining({ kind: 'numbers', severity: 'error', segment: 2, segmentId: segments[1]!.id, quoteId: 'q' })])
  })
})
