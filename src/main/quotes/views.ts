// Quotes as the contract shows them: segments with glossary hits, findings, sources, summaries and blocks.
import type { CslItem, SourceRecord } from '../../shared/citations'
import type { Finding, FindingCounts, GlossaryHit, Quote, QuoteBlock, QuoteSource, QuoteSummary, Segment, SegmentCounts } from '../../shared/quotes'
import type { GlossaryStore } from './glossary/store'
import { checkQuote } from './qa/rules'
import { joinParagraphs } from './segment'
import type { QuoteRow, QuoteStore, StoredSegment } from './store'
import { excerpt } from './text'

/** What the quotes capability needs of the source library (the citations capability's store). */
export interface SourceLookup {
  getMany(ids: readonly string[]): Map<string, SourceRecord>
}

/** "Berman et al. 2010", "Witt & Jena 2006", or the title when a source has no authors. */
function labelOf(csl: CslItem): string {
  const names = (csl.author ?? []).map((a) => a.family ?? a.literal ?? '').filter(Boolean)
  const year = String(csl.issued?.['date-parts']?.[0]?.[0] ?? '')
  const who = names.length === 0 ? (csl.title ?? '') : names.length === 1 ? names[0]! : names.length === 2 ? `${names[0]} & ${names[1]}` : `${names[0]} et al.`
  return [who, year].filter(Boolean).join(' ')
}

/** Where the work is on the web: its DOI, else PubMed, else its own http(s) address. */
function urlOf(csl: CslItem): string {
  if (typeof csl.DOI === 'string' && csl.DOI.trim()) return `https://doi.org/${csl.DOI.trim().replace(/^https?:\/\/(dx\.)?doi\.org\//i, '')}`
  if (typeof csl.PMID === 'string' && /^\d+$/.test(csl.PMID.trim())) return `https://pubmed.ncbi.nlm.nih.gov/${csl.PMID.trim()}/`
  return typeof csl.URL === 'string' && /^https?:\/\//i.test(csl.URL) ? csl.URL : ''
}

export const quoteSource = (record: SourceRecord | undefined): QuoteSource | null =>
  record ? { id: record.id, title: record.csl.title ?? record.id, label: labelOf(record.csl), url: urlOf(record.csl) } : null

export const countFindings = (findings: readonly Finding[]): FindingCounts => ({
  errors: findings.filter((f) => f.severity === 'error').length,
  warnings: findings.filter((f) => f.severity === 'warning').length,
})

function countSegments(segments: readonly StoredSegment[]): SegmentCounts {
  const counts: SegmentCounts = { new: 0, draft: 0, translated: 0, reviewed: 0, stale: 0 }
  for (const s of segments) {
    counts[s.status]++
    if (s.stale) counts.stale++
  }
  return counts
}

export interface Checked {
  row: QuoteRow
  segments: StoredSegment[]
  hits: GlossaryHit[][]
  findings: Finding[]
  source: QuoteSource | null
}

/** Reads quotes with what is derived from them: glossary hits, findings, sources. */
export class QuoteViews {
  constructor(
    private readonly store: QuoteStore,
    private readonly glossary: GlossaryStore,
    private readonly sources: SourceLookup,
  ) {}

  /** Quotes checked together: one source lookup and one glossary for all. */
  checkMany(ids: readonly string[]): Checked[] {
    const rows = this.store.rows(ids)
    const segments = this.store.segmentsOf(rows.map((r) => r.id))
    const records = this.sources.getMany(rows.flatMap((r) => (r.source_id ? [r.source_id] : [])))
    const matcher = this.glossary.matcher()
    return rows.map((row) => {
      const list = segments.get(row.id) ?? []
      const hits = list.map((s) => matcher.hits(s.original))
      const record = row.source_id ? records.get(row.source_id) : undefined
      const findings = checkQuote({ id: row.id, sourceId: row.source_id, sourceFound: !!record, locator: row.locator }, list, hits)
      return { row, segments: list, hits, findings, source: quoteSource(record) }
    })
  }

  check(id: string): Checked {
    this.store.row(id)
    return this.checkMany([id])[0]!
  }

  quote(id: string): Quote {
    const c = this.check(id)
    const segments: Segment[] = c.segments.map((s, i) => ({ ...s, hits: c.hits[i]! }))
    return { ...this.fields(c), segments, findings: c.findings, usedIn: this.store.usedIn(id) }
  }

  summaries(ids: readonly string[]): QuoteSummary[] {
    const checked = this.checkMany(ids)
    const usage = this.store.usageCounts(checked.map((c) => c.row.id))
    return checked.map((c) => ({
      ...this.fields(c),
      excerpt: excerpt(c.row.original),
      translationExcerpt: excerpt(c.row.translation),
      segments: c.segments.length,
      counts: countSegments(c.segments),
      findings: countFindings(c.findings),
      usedIn: usage.get(c.row.id) ?? 0,
    }))
  }

  /** What blocks in articles show; an id the archive lacks is a block that says so. */
  blocks(ids: readonly string[]): QuoteBlock[] {
    const checked = new Map(this.checkMany(ids).map((c) => [c.row.id, c]))
    return ids.map((id) => {
      const c = checked.get(id)
      if (!c) return { id, exists: false, original: [], translation: [], source: null, sourceId: null, locatorLabel: 'page', locator: '', untranslated: 0, findings: { errors: 0, warnings: 0 } }
      return {
        id,
        exists: true,
        original: joinParagraphs(c.segments, (s) => s.original, (s) => s.paragraphStart).filter(Boolean),
        translation: joinParagraphs(c.segments, (s) => s.translation, (s) => s.paragraphStart).filter(Boolean),
        source: c.source,
        sourceId: c.row.source_id,
        locatorLabel: c.row.locator_label,
        locator: c.row.locator,
        untranslated: c.segments.filter((s) => !s.translation.trim()).length,
        findings: countFindings(c.findings),
      }
    })
  }

  private fields(c: Checked) {
    return {
      id: c.row.id,
      articleId: c.row.article_id,
      sourceId: c.row.source_id,
      source: c.source,
      locatorLabel: c.row.locator_label,
      locator: c.row.locator,
      version: c.row.version,
      originalHash: c.row.original_hash,
      createdAt: c.row.created_at,
      updatedAt: c.row.updated_at,
    }
  }
}
