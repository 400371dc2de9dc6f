// Negation words of English and Dutch: a "not" that the translation lost (or gained) turns a finding around.
import type { QuoteLanguage } from '../segment'

const words: Record<QuoteLanguage, Set<string>> = {
  en: new Set(['not', 'no', 'never', 'none', 'neither', 'nor', 'nothing', 'nobody', 'nowhere', 'without', 'cannot']),
  nl: new Set(['niet', 'geen', 'nooit', 'niets', 'niks', 'niemand', 'nergens', 'noch', 'zonder', 'evenmin', 'geenszins', 'allerminst', 'nimmer']),
}

/** The negation words of a sentence, lowercased, in order ("don't" counts as "n't", "niet-steroïde" as "niet"). */
export function negationsOf(text: string, lang: QuoteLanguage): string[] {
  const out: string[] = []
  for (const m of text.matchAll(/[\p{L}]+(?:['’][\p{L}]+)?/gu)) {
    const word = m[0].toLowerCase().replace('’', "'")
    if (lang === 'en' && /n't$/.test(word)) out.push("n't")
    else if (words[lang].has(word)) {
      // "No. 5" is a number, not a negation.
      if (lang === 'en' && word === 'no' && /^\.\s*\d/.test(text.slice(m.index + 2))) continue
      out.push(word)
    }
  }
  return out
}
