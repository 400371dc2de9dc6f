// Sentences of a passage: Intl.Segmenter per language, then the splits it makes after abbreviations and list numbers undone.
import { normalizeSpace } from './text'

export type QuoteLanguage = 'en' | 'nl'

export interface Sentence {
  text: string
  /** The sentence begins a paragraph (a line of the passage, or a list item). */
  paragraphStart: boolean
}

/** Never the end of a sentence: titles, Latin and Dutch abbreviations that are always followed by more of it. */
const alwaysJoin = new Set([
  'e.g.', 'i.e.', 'vs.', 'cf.', 'approx.', 'ca.', 'i.v.', 'i.m.', 's.c.', 'p.o.', 'b.i.d.', 't.i.d.', 'q.d.', 'fig.', 'figs.',
  'nr.', 'vol.', 'pp.', 'p.', 'ed.', 'eds.', 'dr.', 'prof.', 'mr.', 'mrs.', 'ms.', 'st.', 'jr.', 'sr.', 'ref.', 'refs.', 'suppl.',
  'bijv.', 'bv.', 'o.a.', 'd.w.z.', 'i.p.v.', 'm.b.t.', 't.o.v.', 'resp.', 'incl.', 'excl.', 'vgl.', 'zgn.', 'z.g.', 'ong.', 'max.',
  'dhr.', 'mevr.', 'drs.', 'ir.', 'ing.', 'mr.', 'n.a.v.', 'i.o.m.', 'a.d.h.v.', 'm.a.w.', 'o.i.d.', 'e.d.', 'tab.', 'hfst.',
])

/** Abbreviations that can end a sentence: joined unless the next words start a new one ("…in the U.K. The trial…"). */
const joinUnlessStart = new Set(['et al.', 'al.', 'etc.', 'enz.', 'u.k.', 'u.s.', 'u.s.a.', 'e.u.', 'e.a.', 'inc.', 'ltd.', 'co.', 'min.', 'no.', 'h.', 'hrs.', 'yrs.', 'wk.', 'wks.', 'mo.', 'sec.', 'jan.', 'feb.', 'aug.', 'sept.', 'oct.', 'nov.', 'dec.'])

/** Words that commonly open a sentence: after an abbreviation that may end one, these say it did. */
const sentenceStarters = new Set(
  (
    'the this these that those there then thus a an in on at as it its we our they their he she his her however moreover ' +
    'furthermore finally also but and although because for from after before during when while if to with without results ' +
    'patients conclusions all both each no not one two some most many such since what which who overall here further ' +
    'similarly therefore hence yet so of by ' +
    'de het een dit deze dat die daar dan dus op bij als ze zij hij maar en ook echter bovendien daarnaast verder tot na ' +
    'voor tijdens wanneer terwijl indien met zonder alle beide elke geen niet er hoewel omdat volgens uit om over wij'
  ).split(' '),
)

const listMarker = /^(?:\(?\d{1,3}[.)]|\(?[a-z][.)]|\(?[ivx]{1,5}[.)]|[-–•*·])$/i
const initial = /^\p{Lu}\.$/u

const segmenters = new Map<QuoteLanguage, Intl.Segmenter>()
const segmenterFor = (lang: QuoteLanguage) => {
  let segmenter = segmenters.get(lang)
  if (!segmenter) segmenters.set(lang, (segmenter = new Intl.Segmenter(lang, { granularity: 'sentence' })))
  return segmenter
}

/** The abbreviation a piece ends with ("et al.", "U.K.", "e.g."), lowercased, or null. */
function endingAbbreviation(piece: string): string | null {
  const words = piece.trimEnd().split(/\s+/)
  const last = (words[words.length - 1] ?? '').replace(/^[(["'“‘]+/, '')
  if (!last.endsWith('.')) return null
  const before = (words[words.length - 2] ?? '').toLowerCase()
  if (before === 'et' && last.toLowerCase() === 'al.') return 'et al.'
  if (initial.test(last)) return 'initial'
  return last.toLowerCase()
}

function firstWord(piece: string): string {
  return (piece.trimStart().match(/^[\p{L}\p{N}]+/u)?.[0] ?? '').toLowerCase()
}

/** Whether Intl.Segmenter's break between `piece` and `next` is not a sentence end. */
function shouldJoin(piece: string, next: string): boolean {
  const trimmed = piece.trim()
  // An ellipsis or a bracket alone, or a list number before its item: part of what follows.
  if (!/[\p{L}\p{N}]/u.test(trimmed) || listMarker.test(trimmed)) return true
  const abbreviation = endingAbbreviation(trimmed)
  if (!abbreviation) return false
  if (alwaysJoin.has(abbreviation)) return true
  const nextStart = next.trimStart()
  // "No. 5", "Fig. 2": a number follows a label, never a new sentence.
  if (/^\d/.test(nextStart)) return abbreviation === 'no.' || abbreviation === 'initial' || joinUnlessStart.has(abbreviation)
  if (abbreviation === 'initial' || joinUnlessStart.has(abbreviation)) return !/^\p{Lu}/u.test(nextStart) || !sentenceStarters.has(firstWord(nextStart))
  return false
}

/** Sentences of one paragraph (no line breaks inside). */
function paragraphSentences(paragraph: string, lang: QuoteLanguage): string[] {
  const pieces = [...segmenterFor(lang).segment(paragraph)].map((s) => s.segment)
  const out: string[] = []
  let current = ''
  for (let i = 0; i < pieces.length; i++) {
    current += pieces[i]
    const next = pieces[i + 1]
    if (next !== undefined && shouldJoin(current, next)) continue
    if (current.trim()) out.push(normalizeSpace(current))
    current = ''
  }
  if (current.trim()) out.push(normalizeSpace(current))
  return out
}

/** The sentences of a passage, each line of it a paragraph of its own. */
export function splitSentences(text: string, lang: QuoteLanguage): Sentence[] {
  const out: Sentence[] = []
  for (const line of text.split(/\r\n|\r|\n|\u2028|\u2029/)) {
    if (!line.trim()) continue
    paragraphSentences(line, lang).forEach((sentence, i) => out.push({ text: sentence, paragraphStart: i === 0 }))
  }
  return out
}

/** How many sentences a text has; 0 for blank text. */
export const countSentences = (text: string, lang: QuoteLanguage): number => (text.trim() ? splitSentences(text, lang).length : 0)

/** Paragraph texts of sentences (or segments) in order: joined with a space, a new paragraph where one starts. */
export function joinParagraphs<T>(items: readonly T[], text: (item: T) => string, starts: (item: T) => boolean): string[] {
  const paragraphs: string[] = []
  for (const item of items) {
    const t = text(item).trim()
    if (starts(item) || paragraphs.length === 0) paragraphs.push(t)
    else paragraphs[paragraphs.length - 1] = paragraphs[paragraphs.length - 1] ? `${paragraphs[paragraphs.length - 1]} ${t}`.trim() : t
  }
  return paragraphs
}
