// Bibliography entries and author-date labels from citeproc-js (through citation-js), with the bundled CSL styles.
import { plugins } from './citation-js'
import type { CitationLocale, Formatting, FormattedSource, Run, SourceRecord } from '../../shared/citations'
import { numericStyles } from '../../shared/document/bibliography'
import { locatorTypes, type LocatorType } from '../../shared/citations'
import type { CitationStyle } from '../../shared/citations'
import { pubmedUrl } from './identifiers'
import { authorLine, issuedYear } from './records'
import { htmlToRuns, linkIdentifiers } from './runs'

interface CiteprocEngine {
  updateItems(ids: string[]): void
  makeBibliography(): [{ entry_ids: string[][] }, string[]] | false
  makeCitationCluster(items: { id: string }[]): string
  setOutputFormat(format: 'html' | 'text'): void
}
interface CslPlugin {
  engine(items: object[], style: string, locale: string, format: string): CiteprocEngine
  locales: { get(locale: string): string }
}

const csl = () => plugins.config.get('@csl') as CslPlugin

/** Short locator labels of a CSL locale ("p."/"pp.", "fig."), read from the locale file citation-js bundles. */
function localeTerms(locale: CitationLocale): Formatting['terms'] {
  const xml = csl().locales.get(locale).replace(/<!--[\s\S]*?-->/g, '')
  const terms = {} as Formatting['terms']
  for (const type of locatorTypes) {
    const body = new RegExp(`<term name="${type}" form="short">([\\s\\S]*?)</term>`).exec(xml)?.[1] ?? type
    const single = /<single>([\s\S]*?)<\/single>/.exec(body)?.[1] ?? body
    const multiple = /<multiple>([\s\S]*?)<\/multiple>/.exec(body)?.[1] ?? single
    terms[type as LocatorType] = { single: single.trim(), multiple: multiple.trim() }
  }
  return terms
}

/**
 * The locator labels as the style itself writes them: APA writes "p." but "Figure", Vancouver leaves locators out
 * (then the locale's short terms are used). Found by asking citeproc for a citation of a made-up source with and
 * without a locator, once per style and locale.
 */
function styleTerms(style: CitationStyle, locale: CitationLocale): Formatting['terms'] {
  const terms = localeTerms(locale)
  const probe = { id: 'kopij-probe', type: 'article-journal', title: 'Probe', author: [{ family: 'Probe' }], issued: { 'date-parts': [[2000]] } }
  try {
    const engine = csl().engine([probe], style, locale, 'text')
    engine.updateItems([probe.id])
    const base = engine.makeCitationCluster([{ id: probe.id }])
    const head = base.slice(0, -1)
    const labelOf = (type: LocatorType, locator: string) => {
      const text = engine.makeCitationCluster([{ id: probe.id, locator, label: type } as { id: string }])
      // citeproc may write a range with an en dash.
      const written = [locator, locator.replace('-', '–')].find((l) => text.endsWith(`${l}${base.slice(-1)}`))
      if (text === base || !text.startsWith(head) || !written) return null
      return text.slice(head.length, text.length - written.length - 1).replace(/^[,;:]?\s*/, '').trim()
    }
    for (const type of locatorTypes) {
      const single = labelOf(type, '7')
      const multiple = labelOf(type, '7-8')
      if (single !== null && multiple !== null) terms[type] = { single, multiple }
    }
  } catch {
    // The locale's terms stand.
  }
  return terms
}

const maxCached = 20_000

/**
 * Formats sources one at a time and caches each by style, locale and the record's last change, so an article with
 * hundreds of sources is formatted once. Author-date labels that come out the same ("Berman et al., 2010" twice)
 * are formatted again together, which is when citeproc disambiguates them (2010a, 2010b).
 */
export class CitationFormatter {
  private readonly cache = new Map<string, Omit<FormattedSource, 'canonical'>>()
  private readonly terms = new Map<string, Formatting['terms']>()

  format(style: CitationStyle, locale: CitationLocale, asked: readonly string[], records: Map<string, SourceRecord>): Formatting {
    const kind = numericStyles.has(style) ? 'numeric' : 'author-date'
    const canonical = new Map<string, SourceRecord>()
    for (const id of asked) {
      const record = records.get(id)
      if (record) canonical.set(record.id, record)
    }
    const formatted = new Map<string, Omit<FormattedSource, 'canonical'>>()
    for (const record of canonical.values()) formatted.set(record.id, this.one(style, locale, record))
    if (kind === 'author-date') this.disambiguate(style, locale, canonical, formatted)

    const sources: Formatting['sources'] = {}
    const missing: string[] = []
    for (const id of new Set(asked)) {
      const record = records.get(id)
      if (!record) missing.push(id)
      else sources[id] = { ...formatted.get(record.id)!, canonical: record.id }
    }
    const termsKey = `${style}|${locale}`
    let terms = this.terms.get(termsKey)
    if (!terms) this.terms.set(termsKey, (terms = styleTerms(style, locale)))
    return { style, locale, kind, terms, sources, missing }
  }

  private one(style: CitationStyle, locale: CitationLocale, record: SourceRecord): Omit<FormattedSource, 'canonical'> {
    const key = `${style}|${locale}|${record.id}|${record.updatedAt}`
    const hit = this.cache.get(key)
    if (hit) return hit
    const result = this.run(style, locale, [record]).get(record.id)!
    if (this.cache.size >= maxCached) this.cache.delete(this.cache.keys().next().value!)
    this.cache.set(key, result)
    return result
  }

  private disambiguate(style: CitationStyle, locale: CitationLocale, records: Map<string, SourceRecord>, formatted: Map<string, Omit<FormattedSource, 'canonical'>>) {
    const byLabel = new Map<string, string[]>()
    for (const [id, f] of formatted) byLabel.set(f.label, [...(byLabel.get(f.label) ?? []), id])
    for (const ids of byLabel.values()) {
      if (ids.length < 2) continue
      const together = this.run(style, locale, ids.map((id) => records.get(id)!))
      for (const [id, f] of together) formatted.set(id, f)
    }
  }

  /** citeproc over a few records at once; a record citeproc cannot format gets a plain entry instead of failing all. */
  private run(style: CitationStyle, locale: CitationLocale, records: SourceRecord[]): Map<string, Omit<FormattedSource, 'canonical'>> {
    const out = new Map<string, Omit<FormattedSource, 'canonical'>>()
    try {
      const engine = csl().engine(records.map((r) => structuredClone(r.csl)), style, locale, 'html')
      const ids = records.map((r) => r.id)
      engine.updateItems(ids)
      const bibliography = engine.makeBibliography()
      if (!bibliography) throw new Error('citeproc made no bibliography')
      const [meta, html] = bibliography
      engine.setOutputFormat('text')
      meta.entry_ids.forEach(([id], index) => {
        const record = records.find((r) => r.id === id)
        if (!record || out.has(record.id)) return
        const label = numericStyles.has(style) ? '' : engine.makeCitationCluster([{ id: record.id }]).replace(/^\(|\)$/g, '')
        out.set(record.id, this.finish(record, htmlToRuns(html[index] ?? ''), label))
      })
    } catch {
      // Falls through to the plain entries below.
    }
    for (const record of records) if (!out.has(record.id)) out.set(record.id, this.finish(record, plainEntry(record), plainLabel(record)))
    return out
  }

  private finish(record: SourceRecord, entry: Run[], label: string): Omit<FormattedSource, 'canonical'> {
    const doi = typeof record.csl.DOI === 'string' ? record.csl.DOI : undefined
    const pmid = typeof record.csl.PMID === 'string' ? record.csl.PMID : undefined
    const linked = linkIdentifiers(entry, { doi, pmid })
    let runs = linked.runs
    // A style that leaves the PMID out (APA) still gets it: medical readers look sources up in PubMed.
    if (pmid && !linked.pmidLinked) runs = [...runs, { text: ' PMID: ' }, { text: pmid, href: pubmedUrl(pmid) }]
    return { entry: runs, label, sortKey: runs.map((r) => r.text).join(''), doi, pmid, provisional: record.provisional }
  }
}

function plainEntry(record: SourceRecord): Run[] {
  const c = record.csl
  const journal = String(c['container-title-short'] ?? c['container-title'] ?? '')
  const text = [authorLine(c), c.title, [journal, issuedYear(c)].filter(Boolean).join(' ')].filter(Boolean).join('. ')
  return [{ text: text ? `${text}.` : record.id }]
}

function plainLabel(record: SourceRecord): string {
  const family = record.csl.author?.[0]?.family ?? record.csl.author?.[0]?.literal ?? record.csl.title ?? record.id
  return [family, issuedYear(record.csl)].filter(Boolean).join(', ')
}
