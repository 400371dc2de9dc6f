// A source's CSL item made tidy and comparable: identifiers canonical, the key it is filed under, its list line.
import type { CslItem, SourceSummary } from '../../shared/citations'
import { normalizeDoi, findPmid } from './identifiers'

type Name = NonNullable<CslItem['author']>[number]

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '')

/** Lowercase ASCII letters and digits only, for keys and comparisons ("Müller" → "muller"). */
export const fold = (value: string): string =>
  value.normalize('NFKD').replace(/\p{M}+/gu, '').replace(/ß/g, 'ss').replace(/[æ]/g, 'ae').replace(/[ø]/g, 'o').toLowerCase()

export const issuedYear = (csl: CslItem): string => {
  const part = csl.issued?.['date-parts']?.[0]?.[0]
  if (part !== undefined && /^\d{3,4}$/.test(String(part))) return String(part)
  const raw = text(csl.issued?.raw ?? csl.issued?.literal)
  return /\b(\d{4})\b/.exec(raw)?.[1] ?? ''
}

const familyOf = (name: Name | undefined): string => text(name?.family) || text(name?.literal)

/** "Berman BM, Langevin HH, Witt CM, Dubner R": family name and initials, as medical references write them. */
export function authorLine(csl: CslItem, max = 6): string {
  const names = (csl.author ?? csl.editor ?? []).map((a) => {
    if (a.literal) return text(a.literal)
    const initials = text(a.given)
      .split(/[\s.]+/)
      .filter(Boolean)
      .map((part) => part.split('-').map((p) => p[0]!.toUpperCase()).join(''))
      .join('')
    return [text(a.family), initials].filter(Boolean).join(' ')
  }).filter(Boolean)
  return names.length > max ? `${names.slice(0, max).join(', ')}, et al.` : names.join(', ')
}

/**
 * The item with its identifiers canonical and empty fields gone: DOI without URL or prefix, PMID as digits,
 * strings trimmed. Unknown fields are kept as they are (CSL has many).
 */
export function tidy(csl: CslItem): CslItem {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(csl)) {
    if (value === undefined || value === null) continue
    if (typeof value === 'string') {
      const trimmed = value.replace(/\s+/g, ' ').trim()
      if (trimmed) out[key] = trimmed
    } else if (Array.isArray(value) && value.length === 0) continue
    else out[key] = value
  }
  if (typeof out.DOI === 'string') {
    const doi = normalizeDoi(out.DOI)
    if (doi) out.DOI = doi
    else delete out.DOI
  }
  if (out.PMID !== undefined) {
    const pmid = findPmid(String(out.PMID))
    if (pmid) out.PMID = pmid
    else delete out.PMID
  }
  return out as CslItem
}

/** Title, year and first author, folded: two records with the same key are likely the same work. */
export function titleKey(csl: CslItem): string | null {
  const title = fold(text(csl.title)).replace(/[^a-z0-9]+/g, ' ').trim()
  const year = issuedYear(csl)
  const author = fold(familyOf(csl.author?.[0])).replace(/[^a-z0-9]+/g, '')
  if (title.length < 8 || !year) return null
  return `${title}|${year}|${author}`
}

/** The key a new source is filed under: "berman-2010-acupuncture" (first author, year, first real title word). */
export function proposeId(csl: CslItem): string {
  const author = fold(familyOf(csl.author?.[0]) || familyOf(csl.editor?.[0])).replace(/[^a-z0-9]+/g, '').slice(0, 30)
  const stop = new Set(['a', 'an', 'the', 'de', 'het', 'een', 'on', 'of', 'in', 'for', 'and', 'van', 'der', 'le', 'la', 'les', 'der', 'die', 'das'])
  const word = fold(text(csl.title))
    .split(/[^a-z0-9]+/)
    .find((w) => w.length > 2 && !stop.has(w))
    ?.slice(0, 30)
  const parts = [author, issuedYear(csl), word].filter(Boolean)
  return parts.length ? parts.join('-') : 'source'
}

export function summaryOf(id: string, csl: CslItem, provisional: boolean, flags: { cited?: boolean; recent?: boolean } = {}): SourceSummary {
  return {
    id,
    type: csl.type,
    // CSL titles may carry citeproc's mini-markup (<i>…</i>); a list line shows the words.
    title: text(csl.title).replace(/<[^>]*>/g, ''),
    authors: authorLine(csl),
    year: issuedYear(csl),
    journal: text(csl['container-title-short']) || text(csl['container-title']),
    doi: text(csl.DOI),
    pmid: text(csl.PMID),
    provisional,
    cited: flags.cited ?? false,
    recent: flags.recent ?? false,
  }
}
