// Text helpers the quote services share: spacing, hashes, folding for comparison, and words with their offsets.
import { createHash } from 'node:crypto'

/** One space between words, none at the ends; NFC, so the same sentence typed twice is the same text. */
export const normalizeSpace = (text: string): string => text.normalize('NFC').replace(/\s+/g, ' ').trim()

/** The hash a segment keeps of its original (and of the original its translation was written for). */
export const hashText = (text: string): string => createHash('sha256').update(normalizeSpace(text)).digest('hex').slice(0, 32)

/** Lowercase without diacritics (and compatibility forms: µ is μ): "Opioïden" and "opioiden" compare equal. */
export const fold = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()

/** Case, spacing and punctuation removed: two sentences with the same key differ only in those (a 99 % match). */
export const looseKey = (text: string): string =>
  fold(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()

export interface Word {
  text: string
  from: number
  to: number
}

// Letters and digits, with the marks that belong to them; hyphens and apostrophes split words (compounds are judged apart).
const wordPattern = /[\p{L}\p{N}\p{M}]+/gu

/** The words of a text with their offsets. */
export function wordsOf(text: string): Word[] {
  const out: Word[] = []
  for (const m of text.matchAll(wordPattern)) out.push({ text: m[0], from: m.index, to: m.index + m[0].length })
  return out
}

/** Words joined across hyphens ("neuro-hormoon" is one word, "neurohormoon"), for Dutch compounds. */
export function compoundWordsOf(text: string): Word[] {
  const out: Word[] = []
  for (const m of text.matchAll(/[\p{L}\p{N}\p{M}]+(?:[-‐‑'’][\p{L}\p{N}\p{M}]+)*/gu))
    out.push({ text: m[0].replace(/[-‐‑'’]/g, ''), from: m.index, to: m.index + m[0].length })
  return out
}

/** The first `max` characters on a word boundary, with an ellipsis when cut. */
export function excerpt(text: string, max = 160): string {
  const flat = normalizeSpace(text)
  if (flat.length <= max) return flat
  const cut = flat.slice(0, max)
  const space = cut.lastIndexOf(' ')
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`
}
