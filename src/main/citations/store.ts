// The source library in the archive: records, their search index, duplicates and merges, and where each is cited.
import type { Database, Statement } from 'better-sqlite3'
import { CslItem, type DuplicateGroup, type LookupState, type SearchSourcesResult, type SourceRecord, type SourceSummary, type WhereUsed } from '../../shared/citations'
import { SourceId } from '../../shared/citations'
import { ApiError } from '../../shared/errors'
import { matchOf, parseQuery } from '../archive/query'
import { proposeId, summaryOf, tidy, titleKey } from './records'

interface SourceRow {
  rowid: number
  id: string
  csl: string
  provisional: number
  lookup: LookupState
  lookup_error: string | null
  last_cited_at: string | null
  created_at: string
  updated_at: string
}

/** A source's JSON stays small enough to list thousands: abstracts and notes included, whole books not. */
export const maxSourceJson = 256 * 1024
/** Searches rank at most this many matches by relevance; beyond it the newest are listed. */
const rankWindow = 1000
const recentCount = 12

const toRecord = (row: SourceRow): SourceRecord => ({
  id: row.id,
  csl: CslItem.parse({ ...JSON.parse(row.csl), id: row.id }),
  provisional: row.provisional === 1,
  lookup: row.lookup,
  lookupError: row.lookup_error,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
})

export interface AddOptions {
  provisional?: boolean
  lookup?: LookupState
  /** The id to file the source under when it is free (a BibTeX key); otherwise one is made from the record. */
  preferredId?: string
}

export class SourceStore {
  private readonly statements = new Map<string, Statement>()

  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Prepared once per SQL text: an import of thousands runs the same few statements. */
  private sql(text: string): Statement {
    let statement = this.statements.get(text)
    if (!statement) this.statements.set(text, (statement = this.db.prepare(text)))
    return statement
  }

  /** The id a cited id stands for: itself, the source it was merged into, or null when the library has neither. */
  canonicalOf(id: string): string | null {
    const row = this.sql('SELECT id FROM sources WHERE id = ? UNION ALL SELECT source_id FROM source_aliases WHERE alias = ? LIMIT 1')
      .pluck()
      .get(id, id) as string | undefined
    return row ?? null
  }

  get(id: string): SourceRecord {
    const canonical = this.canonicalOf(id)
    const row = canonical ? this.row(canonical) : undefined
    if (!row) throw new ApiError('not-found', `There is no source ${id} in the library.`)
    return toRecord(row)
  }

  /** Records for many ids at once (aliases resolved), for formatting; unknown ids are left out. */
  getMany(ids: readonly string[]): Map<string, SourceRecord> {
    const rows = this.sql(
        `SELECT x.value AS asked, s.rowid, s.* FROM json_each(?) AS x
         JOIN sources s ON s.id = coalesce((SELECT source_id FROM source_aliases WHERE alias = x.value), x.value)`,
      )
      .all(JSON.stringify([...new Set(ids)])) as (SourceRow & { asked: string })[]
    return new Map(rows.map((row) => [row.asked, toRecord(row)]))
  }

  add(input: CslItem | Omit<CslItem, 'id'>, options: AddOptions = {}): SourceRecord {
    return this.get(this.insert(input, options))
  }

  /** Adds a source and returns only its id: the fast path of an import of thousands. */
  insert(input: CslItem | Omit<CslItem, 'id'>, options: AddOptions = {}): string {
    const csl = this.checked({ ...input, id: 'new' } as CslItem)
    const preferred = options.preferredId && SourceId.safeParse(options.preferredId).success ? options.preferredId : proposeId(csl)
    const id = this.freeId(preferred)
    const at = this.now().toISOString()
    this.sql('INSERT INTO sources (id, csl, created_at, updated_at, provisional, lookup) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, JSON.stringify({ ...csl, id }), at, at, options.provisional ? 1 : 0, options.lookup ?? 'none')
    return id
  }

  /** Replaces a source's fields; `baseUpdatedAt` guards against overwriting what a lookup filled meanwhile. */
  update(id: string, input: CslItem | Omit<CslItem, 'id'>, baseUpdatedAt?: string, state?: { provisional: boolean; lookup: LookupState; error?: string | null }): SourceRecord {
    const current = this.get(id)
    if (baseUpdatedAt && baseUpdatedAt !== current.updatedAt)
      throw new ApiError('conflict', `Source ${id} changed since it was opened (at ${current.updatedAt}).`, { updatedAt: current.updatedAt })
    const csl = this.checked({ ...input, id: current.id } as CslItem)
    this.sql('UPDATE sources SET csl = ?, updated_at = ?, provisional = ?, lookup = ?, lookup_error = ? WHERE id = ?')
      .run(JSON.stringify(csl), this.now().toISOString(), (state?.provisional ?? false) ? 1 : 0, state?.lookup ?? current.lookup, state?.error ?? null, current.id)
    return this.get(current.id)
  }

  setLookup(id: string, lookup: LookupState, error: string | null = null): void {
    this.sql('UPDATE sources SET lookup = ?, lookup_error = ? WHERE id = ?').run(lookup, error, id)
  }

  /** The source the library already has for this record: same DOI, same PMID, or same title, year and first author. */
  findExisting(csl: CslItem): string | null {
    const doi = typeof csl.DOI === 'string' ? csl.DOI.toLowerCase() : ''
    const pmid = typeof csl.PMID === 'string' ? csl.PMID : ''
    const byId = this.sql(`SELECT id FROM sources WHERE (doi = ? AND ? <> '') OR (pmid = ? AND ? <> '') LIMIT 1`)
      .pluck()
      .get(doi, doi, pmid, pmid) as string | undefined
    if (byId) return byId
    const key = titleKey(csl)
    return key ? (this.titleKeys().get(key) ?? null) : null
  }

  /** Every source's title key, for checking many records at once (an import) without a query per record. */
  titleKeys(): Map<string, string> {
    const keys = new Map<string, string>()
    for (const row of this.sql('SELECT id, csl FROM sources').iterate() as Iterable<{ id: string; csl: string }>) {
      const key = titleKey(JSON.parse(row.csl))
      if (key && !keys.has(key)) keys.set(key, row.id)
    }
    return keys
  }

  /** Identifiers already in the library, lowercased DOIs and PMIDs, for an import's duplicate check. */
  identifiers(): { dois: Set<string>; pmids: Set<string> } {
    const dois = new Set(this.sql(`SELECT doi FROM sources WHERE doi IS NOT NULL AND doi <> ''`).pluck().all() as string[])
    const pmids = new Set(this.sql(`SELECT pmid FROM sources WHERE pmid IS NOT NULL AND pmid <> ''`).pluck().all() as string[])
    return { dois, pmids }
  }

  markCited(ids: readonly string[]): void {
    const at = this.now().toISOString()
    const update = this.sql('UPDATE sources SET last_cited_at = ? WHERE id = ?')
    for (const id of ids) {
      const canonical = this.canonicalOf(id)
      if (canonical) update.run(at, canonical)
    }
  }

  search(input: { query: string; citedIds: string[]; limit: number; offset: number }): SearchSourcesResult {
    const cited = new Set(input.citedIds.map((id) => this.canonicalOf(id)).filter((id): id is string => !!id))
    const recent = new Set(this.sql('SELECT id FROM sources WHERE last_cited_at IS NOT NULL ORDER BY last_cited_at DESC LIMIT ?').pluck().all(recentCount) as string[])
    const query = parseQuery(input.query)
    let ordered: string[]
    let total: number
    let lowerBound = false
    if (!query) {
      total = (this.sql('SELECT count(*) FROM sources').pluck().get() as number)
      const first = [...cited, ...[...recent].filter((id) => !cited.has(id))]
      const rest = this.sql(`SELECT id FROM sources WHERE id NOT IN (SELECT value FROM json_each(?)) ORDER BY updated_at DESC, rowid DESC LIMIT ? OFFSET ?`)
        .pluck()
        .all(JSON.stringify(first), input.limit, Math.max(0, input.offset - first.length)) as string[]
      ordered = [...first.slice(input.offset, input.offset + input.limit), ...rest].slice(0, input.limit)
      return { items: this.summaries(ordered, cited, recent), total, totalIsLowerBound: false }
    }
    const expression = matchOf(query.groups, query.prefix)
    const newest = this.sql('SELECT rowid FROM sources_fts WHERE sources_fts MATCH ? ORDER BY rowid DESC LIMIT ?')
      .pluck()
      .all(expression, rankWindow + 1) as number[]
    let rowids: number[]
    if (newest.length <= rankWindow) {
      rowids = this.sql('SELECT rowid FROM sources_fts WHERE sources_fts MATCH ? ORDER BY rank').pluck().all(expression) as number[]
      total = rowids.length
    } else {
      rowids = newest.slice(0, rankWindow)
      total = rankWindow
      lowerBound = true
    }
    const ids = this.idsOf(rowids)
    // Already cited first, then recently cited, then by relevance; a stable sort keeps relevance within each.
    const weight = (id: string) => (cited.has(id) ? 0 : recent.has(id) ? 1 : 2)
    ordered = ids.map((id, i) => ({ id, i })).sort((a, b) => weight(a.id) - weight(b.id) || a.i - b.i).map((x) => x.id)
    return { items: this.summaries(ordered.slice(input.offset, input.offset + input.limit), cited, recent), total, totalIsLowerBound: lowerBound }
  }

  whereUsed(id: string): WhereUsed {
    const canonical = this.get(id).id
    const ids = JSON.stringify([canonical, ...(this.sql('SELECT alias FROM source_aliases WHERE source_id = ?').pluck().all(canonical) as string[])])
    const rows = this.sql(
        `SELECT a.id, a.title, coalesce(c.n, 0) AS citations, (x.article_id IS NOT NULL) AS attached
         FROM articles a
         LEFT JOIN (SELECT article_id, sum(citations) AS n FROM article_citations WHERE source_id IN (SELECT value FROM json_each(?)) GROUP BY article_id) c ON c.article_id = a.id
         LEFT JOIN article_sources x ON x.article_id = a.id AND x.source_id = ?
         WHERE c.article_id IS NOT NULL OR x.article_id IS NOT NULL
         ORDER BY a.updated_at DESC`,
      )
      .all(ids, canonical) as { id: string; title: string; citations: number; attached: number }[]
    // Quotes of the source (or of a source merged into it), with the article each was made for.
    const quotes = this.sql(`SELECT id, article_id, substr(original, 1, 200) AS text FROM quotes WHERE source_id IN (SELECT value FROM json_each(?)) ORDER BY updated_at DESC`)
      .all(ids) as { id: string; article_id: string | null; text: string }[]
    return {
      articles: rows.map((r) => ({ id: r.id, title: r.title, citations: r.citations, attached: r.attached === 1 })),
      quotes: quotes.map((q) => ({ id: q.id, articleId: q.article_id, text: q.text })),
    }
  }

  /** Deletes a source no article cites or attaches; otherwise refuses and says where it is used. */
  delete(id: string): void {
    const used = this.whereUsed(id)
    const canonical = this.get(id).id
    if (used.articles.length > 0 || used.quotes.length > 0)
      throw new ApiError('conflict', `Source ${canonical} is cited in ${used.articles.length} article(s) and quoted in ${used.quotes.length} quote(s); merge it into another source or remove the citations first.`, { whereUsed: used })
    this.sql('DELETE FROM sources WHERE id = ?').run(canonical)
  }

  /** Groups of likely duplicates: same DOI, same PMID, or same title, year and first author. */
  duplicates(): DuplicateGroup[] {
    const groups: DuplicateGroup[] = []
    const paired = new Set<string>()
    const add = (reason: DuplicateGroup['reason'], key: string, ids: string[]) => {
      const sorted = [...new Set(ids)].sort()
      if (sorted.length < 2 || paired.has(sorted.join('\n'))) return
      paired.add(sorted.join('\n'))
      groups.push({ reason, key, sources: this.summaries(sorted, new Set(), new Set()) })
    }
    for (const column of ['doi', 'pmid'] as const) {
      const rows = this.sql(`SELECT ${column} AS k, json_group_array(id) AS ids FROM sources WHERE ${column} IS NOT NULL AND ${column} <> '' GROUP BY ${column} HAVING count(*) > 1`)
        .all() as { k: string; ids: string }[]
      for (const row of rows) add(column, row.k, JSON.parse(row.ids))
    }
    const byTitle = new Map<string, string[]>()
    for (const row of this.sql('SELECT id, csl FROM sources').iterate() as Iterable<{ id: string; csl: string }>) {
      const key = titleKey(JSON.parse(row.csl))
      if (key) byTitle.set(key, [...(byTitle.get(key) ?? []), row.id])
    }
    for (const [key, ids] of byTitle) add('title', key, ids)
    return groups
  }

  /**
   * Merges duplicates into `keep`: fields `keep` lacks are taken from them, their attachments move to it, and each
   * becomes an alias of it, so every citation of a merged source (in articles and old revisions) resolves to `keep`.
   */
  merge(keepId: string, mergeIds: string[]): SourceRecord {
    const keep = this.get(keepId)
    let csl: Record<string, unknown> = { ...keep.csl }
    for (const mergeId of mergeIds) {
      const other = this.get(mergeId)
      if (other.id === keep.id) continue
      for (const [key, value] of Object.entries(other.csl)) if (csl[key] === undefined) csl[key] = value
      this.sql('UPDATE source_aliases SET source_id = ? WHERE source_id = ?').run(keep.id, other.id)
      this.sql('INSERT OR REPLACE INTO source_aliases (alias, source_id) VALUES (?, ?)').run(other.id, keep.id)
      this.sql('UPDATE OR IGNORE article_sources SET source_id = ? WHERE source_id = ?').run(keep.id, other.id)
      this.sql('DELETE FROM article_sources WHERE source_id = ?').run(other.id)
      this.sql('DELETE FROM sources WHERE id = ?').run(other.id)
    }
    csl = { ...csl, id: keep.id }
    return this.update(keep.id, csl as CslItem, undefined, { provisional: keep.provisional, lookup: keep.lookup, error: keep.lookupError })
  }

  summaries(ids: string[], cited: Set<string>, recent: Set<string>): SourceSummary[] {
    if (ids.length === 0) return []
    const rows = this.sql('SELECT id, csl, provisional FROM sources WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as Pick<SourceRow, 'id' | 'csl' | 'provisional'>[]
    const byId = new Map(rows.map((r) => [r.id, r]))
    return ids.flatMap((id) => {
      const row = byId.get(id)
      return row ? [summaryOf(id, JSON.parse(row.csl), row.provisional === 1, { cited: cited.has(id), recent: recent.has(id) })] : []
    })
  }

  private idsOf(rowids: number[]): string[] {
    const rows = this.sql('SELECT rowid, id FROM sources WHERE rowid IN (SELECT value FROM json_each(?))').all(JSON.stringify(rowids)) as { rowid: number; id: string }[]
    const byRow = new Map(rows.map((r) => [r.rowid, r.id]))
    return rowids.flatMap((r) => (byRow.has(r) ? [byRow.get(r)!] : []))
  }

  private row(id: string): SourceRow | undefined {
    return this.sql('SELECT rowid, * FROM sources WHERE id = ?').get(id) as SourceRow | undefined
  }

  private checked(input: CslItem): CslItem {
    const parsed = CslItem.safeParse(input)
    if (!parsed.success) throw new ApiError('invalid-input', `Not a valid CSL item: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`)
    const csl = tidy(parsed.data)
    if (JSON.stringify(csl).length > maxSourceJson) throw new ApiError('invalid-input', `A source may hold at most ${maxSourceJson / 1024} KB of fields.`)
    return csl
  }

  /** `base`, else `base-2`, `base-3` …: never an id a source or a merged alias has. */
  freeId(base: string): string {
    const taken = this.sql('SELECT 1 FROM sources WHERE id = ? UNION ALL SELECT 1 FROM source_aliases WHERE alias = ?').pluck()
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? base : `${base.slice(0, 190)}-${n}`
      if (!taken.get(candidate, candidate)) return candidate
    }
  }
}
