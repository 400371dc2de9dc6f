// Glossary terms found in English originals, and Dutch terms found in translations despite inflection and compounds.
import type { GlossaryEntry, GlossaryHit } from '../../../shared/quotes'
import { compoundWordsOf, fold, wordsOf, type Word } from '../text'

/** English singular and plural compare equal: "opioids" is "opioid", "therapies" is "therapy". */
export function englishStem(word: string): string {
  const w = fold(word)
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`
  if (w.length > 4 && /(?:ss|x|ch|sh)es$/.test(w)) return w.slice(0, -2)
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) return w.slice(0, -1)
  return w
}

const diminutives = ['etjes', 'etje', 'tjes', 'pjes', 'kjes', 'tje', 'pje', 'kje', 'jes', 'je']
const inflections = ["'s", 'en', 'es', 'e', 's']

/**
 * A rough Dutch stem, the same for a word's plural, diminutive and inflected adjective: "ratten", "rat";
 * "lage", "laag"; "opioïden", "opioïde". Both sides of a comparison go through it, so consistency matters, not linguistics.
 */
export function dutchStem(word: string): string {
  let w = fold(word).replace(/[-‐‑'’]/g, (c) => (c === "'" || c === '’' ? "'" : ''))
  for (const suffix of diminutives)
    if (w.length > suffix.length + 2 && w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length)
      break
    }
  for (const suffix of inflections)
    if (w.length > suffix.length + 2 && w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length)
      break
    }
  w = w.replace(/'$/, '')
  // Spelling follows syllables: "rat"/"ratten", "laag"/"lage". Undouble a final consonant and long vowels alike.
  w = w.replace(/([bcdfgklmnprstvz])\1$/, '$1')
  return w.replace(/(aa|ee|oo|uu)(?=[^aeiou]*$)/, (v) => v[0]!)
}

const compoundMin = 5

/** Whether a word of the translation is (or, for longer terms, holds as part of a compound) the term's word. */
function dutchWordMatches(text: string, term: string, position: 'only' | 'part'): boolean {
  const t = fold(text)
  const w = fold(term)
  if (t === w || dutchStem(t) === dutchStem(w)) return true
  if (w.length < compoundMin) return false
  // "elektroacupunctuur" (the term as the head of a compound), "acupunctuurbehandelingen", "rugpijnklachten" (as its first part).
  const head = dutchStem(t).endsWith(dutchStem(w)) || t.endsWith(w)
  const modifier = t.startsWith(w) || t.startsWith(dutchStem(w))
  return head || modifier || (position === 'only' && w.length >= 7 && t.includes(w))
}

export interface DutchMatch {
  from: number
  to: number
}

/** Where the translation uses a Dutch term (a word or words), tolerant of inflection and compounds; null if nowhere. */
export function findDutchTerm(translation: string, term: string, words: Word[] = compoundWordsOf(translation)): DutchMatch | null {
  const parts = compoundWordsOf(term).map((w) => w.text)
  if (parts.length === 0) return null
  for (let i = 0; i + parts.length <= words.length; i++) {
    const ok = parts.every((part, j) => dutchWordMatches(words[i + j]!.text, part, parts.length === 1 ? 'only' : 'part'))
    if (ok) return { from: words[i]!.from, to: words[i + parts.length - 1]!.to }
  }
  return null
}

interface Compiled {
  entry: GlossaryEntry
  stems: string[]
}

/** The glossary made ready for matching many segments: entries indexed by the stem of their first English word. */
export class GlossaryMatcher {
  private readonly byFirst = new Map<string, Compiled[]>()
  readonly size: number

  constructor(entries: readonly GlossaryEntry[]) {
    for (const entry of entries) {
      const stems = wordsOf(entry.term).map((w) => englishStem(w.text))
      if (stems.length === 0) continue
      const list = this.byFirst.get(stems[0]!) ?? []
      list.push({ entry, stems })
      this.byFirst.set(stems[0]!, list)
    }
    this.size = entries.length
  }

  /**
   * Every glossary term in an English original, longest first where two start at the same word. Capitalised words
   * in mid-sentence are a name ("American College of Physicians"), not the term.
   */
  hits(original: string): GlossaryHit[] {
    if (this.byFirst.size === 0) return []
    const words = wordsOf(original)
    const stems = words.map((w) => englishStem(w.text))
    const startsSentence = (i: number) => i === 0 || /[.!?:;]\s*["'“‘(]*\s*$|\n/.test(original.slice(words[i - 1]!.to, words[i]!.from))
    const out: GlossaryHit[] = []
    for (let i = 0; i < words.length; i++) {
      const candidates = this.byFirst.get(stems[i]!)
      if (!candidates) continue
      for (const { entry, stems: term } of candidates) {
        if (i + term.length > words.length || !term.every((stem, j) => stems[i + j] === stem)) continue
        const capitalised = words.slice(i, i + term.length).every((w) => /^\p{Lu}/u.test(w.text) && !/^\p{Lu}+$/u.test(w.text))
        if (capitalised && !startsSentence(i)) continue
        out.push({ from: words[i]!.from, to: words[i + term.length - 1]!.to, entryId: entry.id, term: entry.term, preferred: entry.preferred, forbidden: entry.forbidden, note: entry.note })
      }
    }
    return out.sort((a, b) => a.from - b.from || b.to - a.to)
  }
}
