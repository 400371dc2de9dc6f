// Numbering, in-text labels and the bibliography, derived from the document's citations on every change: never stored.
import type { Node as PMNode } from '@tiptap/pm/model'
import type { Formatting, FormattedSource, Run } from '../citations'
import type { ArticleLanguage, DocumentJson } from '../articles'
import type { CitationItem, LocatorType } from '../citations'
import { readCitationItems } from '../citations'
import type { CitationStyle } from '../citations'

/** The heading of the bibliography, in the article's language (article content, not interface text). */
export const bibliographyHeading: Record<ArticleLanguage, string> = { nl: 'Bronnen', en: 'Sources' }

/** Which styles number their citations; the rest are author-date. */
export const numericStyles: ReadonlySet<CitationStyle> = new Set(['vancouver'])

export interface CitationAt {
  /** Position of the node in the document (the editor maps labels to node views by it). */
  pos: number
  items: CitationItem[]
}

export interface BibliographyEntry {
  /** The source id the entry stands for (a merged duplicate's citations share the kept source's entry). */
  id: string
  number: number
  /** Null while the source is being formatted; `missing` when the library has no such source. */
  source: FormattedSource | null
  missing: boolean
}

export interface DerivedCitations {
  style: CitationStyle
  /** In-text label of each citation, in document order ("(1–3)", "(Berman et al., 2010, p. 5)"). */
  labels: string[]
  /** The same labels in pieces that know their source (for links to the bibliography). */
  segments: Segment[][]
  entries: BibliographyEntry[]
  /** Ids cited, as written in the document (aliases included), each once, by first appearance. */
  cited: string[]
}

/** The citations of a document in reading order; O(size of the document), no allocation per text node. */
export function collectCitations(doc: PMNode): CitationAt[] {
  const found: CitationAt[] = []
  doc.descendants((node, pos) => {
    if (node.type.name === 'citation') found.push({ pos, items: node.attrs.items as CitationItem[] })
    // Inline content is all there is below a textblock; only citations matter there.
    return !node.isLeaf
  })
  return found
}

/** The same from stored JSON (main, exports), without building a ProseMirror document. */
export function collectCitationsFromJson(doc: DocumentJson): CitationAt[] {
  const found: CitationAt[] = []
  const walk = (node: { type?: unknown; attrs?: { items?: unknown }; content?: unknown }) => {
    if (node.type === 'citation') {
      const items = readCitationItems(node.attrs?.items)
      if (items) found.push({ pos: found.length, items })
    }
    if (Array.isArray(node.content)) for (const child of node.content) walk(child as typeof node)
  }
  walk(doc as never)
  return found
}

const plain = (item: CitationItem) => !item.locator && !item.prefix && !item.suffix

/** "p." or "pp.": the plural label when the locator is a range or a list. */
function locatorText(item: CitationItem, formatting: Formatting | null): string {
  if (!item.locator) return ''
  const label: LocatorType = item.label ?? 'page'
  const term = formatting?.terms[label]
  const many = /[-–—,&]|\band\b|\ben\b/.test(item.locator)
  const word = term ? (many ? term.multiple : term.single) : ''
  return word ? `${word} ${item.locator}` : item.locator
}

const affixed = (item: CitationItem, core: string) => [item.prefix, core, item.suffix].filter(Boolean).join(' ')

/** A piece of an in-text citation; `id` is the source the piece stands for (published HTML links it to its entry). */
export interface Segment {
  text: string
  id?: string
}

const wrap = (parts: Segment[], delimiter: string): Segment[] => {
  const out: Segment[] = [{ text: '(' }]
  parts.forEach((part, i) => {
    if (i > 0) out.push({ text: delimiter })
    out.push(part)
  })
  out.push({ text: ')' })
  return out
}

/** Numbers joined as citeproc's collapse="citation-number" does: three or more in a row become a range. */
function numericCluster(items: CitationItem[], numberOf: (id: string) => number | null, canonical: (id: string) => string, formatting: Formatting | null): Segment[] {
  const seen = new Set<string>()
  const parts = items
    .map((item) => ({ item, n: numberOf(item.source) }))
    .filter(({ item, n }) => {
      const key = n === null ? `?${item.source}` : String(n)
      if (seen.has(key) && plain(item)) return false
      seen.add(key)
      return true
    })
    .sort((a, b) => (a.n ?? Infinity) - (b.n ?? Infinity))
  const out: Segment[] = []
  for (let i = 0; i < parts.length; ) {
    let j = i
    while (j + 1 < parts.length && plain(parts[j + 1]!.item) && plain(parts[j]!.item) && parts[j]!.n !== null && parts[j + 1]!.n === parts[j]!.n! + 1) j++
    if (j - i >= 2) {
      out.push({ text: `${parts[i]!.n}–${parts[j]!.n}`, id: canonical(parts[i]!.item.source) })
      i = j + 1
      continue
    }
    const { item, n } = parts[i]!
    const core = [n === null ? '?' : String(n), locatorText(item, formatting)].filter(Boolean).join(', ')
    out.push({ text: affixed(item, core), id: n === null ? undefined : canonical(item.source) })
    i++
  }
  // With a locator or an affix in the cluster, a comma alone would run items together.
  return wrap(out, parts.some((p) => !plain(p.item)) ? '; ' : ',')
}

/** The author part and the year part of an author-date label ("Berman et al." and "2010a"). */
const splitLabel = (label: string): [string, string] => {
  const at = label.lastIndexOf(', ')
  return at < 0 ? [label, ''] : [label.slice(0, at), label.slice(at + 2)]
}

function authorDateCluster(items: CitationItem[], sourceOf: (id: string) => FormattedSource | null, formatting: Formatting | null, collator: Intl.Collator): Segment[] {
  const parts = items
    .map((item) => ({ item, source: sourceOf(item.source) }))
    .sort((a, b) => collator.compare(a.source?.sortKey ?? '\uffff', b.source?.sortKey ?? '\uffff'))
  const out: Segment[] = []
  let lastAuthor: string | null = null
  for (const { item, source } of parts) {
    const label = source?.label || (source ? source.canonical : isMissing(formatting, item.source) ? '?' : '…')
    const [author, year] = splitLabel(label)
    // Same authors in a row: "Berman et al., 2010a, 2010b" (citeproc's collapse="year").
    if (plain(item) && lastAuthor !== null && author === lastAuthor && year) {
      out.push({ text: ', ' }, { text: year, id: source?.canonical })
      continue
    }
    if (out.length) out.push({ text: '; ' })
    out.push({ text: affixed(item, [label, locatorText(item, formatting)].filter(Boolean).join(', ')), id: source?.canonical })
    lastAuthor = plain(item) && year ? author : null
  }
  return [{ text: '(' }, ...out, { text: ')' }]
}

const isMissing = (formatting: Formatting | null, id: string) => !!formatting?.missing.includes(id)

const collators = new Map<string, Intl.Collator>()
const collatorFor = (locale: string) => {
  let collator = collators.get(locale)
  if (!collator) collators.set(locale, (collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true })))
  return collator
}

/**
 * Labels and bibliography for the citations, with what main formatted so far. Numeric styles number each source by
 * its first citation; author-date styles order the bibliography by author and year. A source not formatted yet keeps
 * its place (numbering needs no formatting); a source the library lacks is marked missing, never dropped.
 */
export function deriveCitations(citations: CitationAt[], style: CitationStyle, formatting: Formatting | null): DerivedCitations {
  const usable = formatting && formatting.style === style ? formatting : null
  const sourceOf = (id: string): FormattedSource | null => usable?.sources[id] ?? null
  const canonical = (id: string) => sourceOf(id)?.canonical ?? id

  const cited: string[] = []
  const citedSet = new Set<string>()
  const order: string[] = []
  const numbers = new Map<string, number>()
  for (const citation of citations)
    for (const item of citation.items) {
      if (!citedSet.has(item.source)) {
        citedSet.add(item.source)
        cited.push(item.source)
      }
      const id = canonical(item.source)
      if (!numbers.has(id)) {
        numbers.set(id, numbers.size + 1)
        order.push(id)
      }
    }

  const collator = collatorFor(usable?.locale ?? 'nl-NL')
  const numeric = numericStyles.has(style)
  if (!numeric)
    order.sort((a, b) => collator.compare(sourceOf(a)?.sortKey ?? '\uffff', sourceOf(b)?.sortKey ?? '\uffff') || (a < b ? -1 : a > b ? 1 : 0))
  const numberOf = (id: string) => numbers.get(canonical(id)) ?? null
  const segments = citations.map((c) => (numeric ? numericCluster(c.items, numberOf, canonical, usable) : authorDateCluster(c.items, sourceOf, usable, collator)))
  const labels = segments.map((parts) => parts.map((p) => p.text).join(''))
  const entries = order.map((id, index) => ({
    id,
    number: numeric ? numbers.get(id)! : index + 1,
    source: sourceOf(id),
    missing: isMissing(usable, id),
  }))
  return { style, labels, segments, entries, cited }
}

/** An entry's text without styling: for screen-reader labels, titles and tests. */
export const runsText = (runs: readonly Run[]): string => runs.map((r) => r.text).join('')
