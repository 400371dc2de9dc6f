// Quotes and their segments in the archive: rows, positions, the joined texts and hash, where articles use them.
import { randomUUID } from 'node:crypto'
import type { Database, Statement } from 'better-sqlite3'
import type { LocatorType } from '../../shared/citations'
import { ApiError } from '../../shared/errors'
import type { SegmentStatus } from '../../shared/quotes'
import { matchOf, parseQuery } from '../archive/query'
import { joinParagraphs } from './segment'
import { hashText } from './text'

export interface QuoteRow {
  seq: number
  id: string
  article_id: string | null
  source_id: string | null
  locator_label: LocatorType
  locator: string
  original: string
  translation: string
  original_hash: string
  version: number
  created_at: string
  updated_at: string
}

interface SegmentRow {
  id: string
  quote_id: string
  position: number
  paragraph_start: number
  original: string
  translation: string
  status: SegmentStatus
  original_hash: string
  translated_hash: string | null
  updated_at: string
}

export interface StoredSegment {
  id: string
  paragraphStart: boolean
  original: string
  translation: string
  status: SegmentStatus
  originalHash: string
  translatedHash: string | null
  stale: boolean
  updatedAt: string
}

/** A segment to write: a new one (no id) or one kept or restored as it was. */
export interface NewSegment {
  id?: string
  paragraphStart: boolean
  original: string
  translation: string
  status: SegmentStatus
  /** Omitted: the translation (if any) is taken to be written for this original. */
  translatedHash?: string | null
}

const toSegment = (row: SegmentRow): StoredSegment => ({
  id: row.id,
  paragraphStart: row.paragraph_start === 1,
  original: row.original,
  translation: row.translation,
  status: row.status,
  originalHash: row.original_hash,
  translatedHash: row.translated_hash,
  stale: row.translation.trim() !== '' && row.translated_hash !== null && row.translated_hash !== row.original_hash,
  updatedAt: row.updated_at,
})

export interface QuoteMeta {
  articleId?: string | null
  sourceId?: string | null
  locatorLabel?: LocatorType
  locator?: string
}

export class QuoteStore {
  private readonly statements = new Map<string, Statement>()

  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private sql(text: string): Statement {
    let statement = this.statements.get(text)
    if (!statement) this.statements.set(text, (statement = this.db.prepare(text)))
    return statement
  }

  private stamp = () => this.now().toISOString()

  insert(meta: Required<QuoteMeta> & { id?: string }, segments: NewSegment[]): string {
    const id = meta.id ?? randomUUID()
    const at = this.stamp()
    this.sql(
      `INSERT INTO quotes (id, article_id, source_id, locator_label, locator, original, translation, original_hash, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, '', '', '', ?, ?)`,
    ).run(id, meta.articleId, meta.sourceId, meta.locatorLabel, meta.locator, at, at)
    this.writeSegments(id, segments, 0)
    this.touch(id, false)
    return id
  }

  row(id: string): QuoteRow {
    const row = this.sql('SELECT * FROM quotes WHERE id = ?').get(id) as QuoteRow | undefined
    if (!row) throw new ApiError('not-found', `There is no quote ${id} in the archive.`)
    return row
  }

  rows(ids: readonly string[]): QuoteRow[] {
    if (ids.length === 0) return []
    return this.sql('SELECT q.* FROM json_each(?) AS x JOIN quotes q ON q.id = x.value ORDER BY x.key').all(JSON.stringify([...new Set(ids)])) as QuoteRow[]
  }

  segments(quoteId: string): StoredSegment[] {
    return (this.sql('SELECT * FROM quote_segments WHERE quote_id = ? ORDER BY position').all(quoteId) as SegmentRow[]).map(toSegment)
  }

  segmentsOf(ids: readonly string[]): Map<string, StoredSegment[]> {
    const out = new Map<string, StoredSegment[]>(ids.map((id) => [id, []]))
    const rows = this.sql('SELECT s.* FROM quote_segments s WHERE s.quote_id IN (SELECT value FROM json_each(?)) ORDER BY s.quote_id, s.position').all(JSON.stringify([...new Set(ids)])) as SegmentRow[]
    for (const row of rows) out.get(row.quote_id)?.push(toSegment(row))
    return out
  }

  segment(quoteId: string, segmentId: string): StoredSegment {
    const row = this.sql('SELECT * FROM quote_segments WHERE id = ? AND quote_id = ?').get(segmentId, quoteId) as SegmentRow | undefined
    if (!row) throw new ApiError('not-found', `Quote ${quoteId} has no segment ${segmentId}.`)
    return toSegment(row)
  }

  /** Refuses a structural change made from an older state of the quote (another window changed it meanwhile). */
  checkVersion(quoteId: string, baseVersion: number): void {
    const version = this.row(quoteId).version
    if (version !== baseVersion) throw new ApiError('conflict', `Quote ${quoteId} changed meanwhile (version ${version}, not ${baseVersion}); reload it.`, { version })
  }

  updateMeta(id: string, meta: QuoteMeta): void {
    const row = this.row(id)
    this.sql('UPDATE quotes SET article_id = ?, source_id = ?, locator_label = ?, locator = ? WHERE id = ?').run(
      meta.articleId === undefined ? row.article_id : meta.articleId,
      meta.sourceId === undefined ? row.source_id : meta.sourceId,
      meta.locatorLabel ?? row.locator_label,
      meta.locator ?? row.locator,
      id,
    )
    this.touch(id)
  }

  /**
   * The translation typed so far. A new segment becomes a draft; emptied, a draft is new again. The translation is
   * taken to be written for the current original only when it starts: typing into a stale one keeps it stale.
   */
  setTranslation(quoteId: string, segmentId: string, translation: string): StoredSegment {
    const current = this.segment(quoteId, segmentId)
    const blank = translation.trim() === ''
    const status: SegmentStatus = blank ? (current.status === 'draft' ? 'new' : current.status) : current.status === 'new' ? 'draft' : current.status
    const translatedHash = blank ? null : (current.translatedHash ?? current.originalHash)
    this.sql('UPDATE quote_segments SET translation = ?, status = ?, translated_hash = ?, updated_at = ? WHERE id = ?').run(translation, status, translatedHash, this.stamp(), segmentId)
    this.touch(quoteId)
    return this.segment(quoteId, segmentId)
  }

  /** A status set by the editor; confirming says the translation fits the original as it is now. */
  setStatus(quoteId: string, segmentId: string, status: SegmentStatus): StoredSegment {
    const current = this.segment(quoteId, segmentId)
    const confirm = status === 'translated' || status === 'reviewed'
    if (confirm && current.translation.trim() === '') throw new ApiError('invalid-input', 'A segment without a translation cannot be confirmed.')
    const translatedHash = current.translation.trim() === '' ? null : confirm ? current.originalHash : current.translatedHash
    this.sql('UPDATE quote_segments SET status = ?, translated_hash = ?, updated_at = ? WHERE id = ?').run(status, translatedHash, this.stamp(), segmentId)
    this.touch(quoteId)
    return this.segment(quoteId, segmentId)
  }

  /** A corrected original; the translation and its hash stay as they were, so a translated segment becomes stale. */
  setOriginal(quoteId: string, segmentId: string, original: string): void {
    this.segment(quoteId, segmentId)
    this.sql('UPDATE quote_segments SET original = ?, original_hash = ?, updated_at = ? WHERE id = ?').run(original, hashText(original), this.stamp(), segmentId)
    this.touch(quoteId)
  }

  /** Replaces the segments `remove` (consecutive, in order) by `insert` at their place; returns the new segments' ids. */
  replace(quoteId: string, remove: readonly string[], insert: NewSegment[]): string[] {
    const all = this.segments(quoteId)
    const start = all.findIndex((s) => s.id === remove[0])
    if (start < 0 || remove.some((id, i) => all[start + i]?.id !== id))
      throw new ApiError('conflict', 'Those segments are no longer together in this quote; reload it.')
    const taken = new Set(all.filter((s) => !remove.includes(s.id)).map((s) => s.id))
    if (insert.some((s) => s.id && taken.has(s.id))) throw new ApiError('invalid-input', 'A restored segment has the id of another segment of the quote.')
    this.sql('DELETE FROM quote_segments WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify(remove))
    const after = all.slice(start + remove.length)
    const ids = this.writeSegments(quoteId, insert, start)
    const move = this.sql('UPDATE quote_segments SET position = ? WHERE id = ?')
    after.forEach((s, i) => move.run(start + insert.length + i, s.id))
    this.touch(quoteId)
    return ids
  }

  private writeSegments(quoteId: string, segments: NewSegment[], from: number): string[] {
    const at = this.stamp()
    const insert = this.sql(
      `INSERT INTO quote_segments (id, quote_id, position, paragraph_start, original, translation, status, original_hash, translated_hash, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    return segments.map((s, i) => {
      const id = s.id ?? randomUUID()
      const originalHash = hashText(s.original)
      const hasTranslation = s.translation.trim() !== ''
      const translatedHash = !hasTranslation ? null : s.translatedHash === undefined ? originalHash : s.translatedHash
      insert.run(id, quoteId, from + i, s.paragraphStart || from + i === 0 ? 1 : 0, s.original, s.translation, s.status, originalHash, translatedHash, at)
      return id
    })
  }

  /** The joined texts, the hash of the original and the version after a change (search, lists and blocks read these). */
  private touch(quoteId: string, bump = true): void {
    const segments = this.segments(quoteId)
    const original = joinParagraphs(segments, (s) => s.original, (s) => s.paragraphStart).join('\n')
    const translation = joinParagraphs(segments, (s) => s.translation, (s) => s.paragraphStart).join('\n')
    this.sql(`UPDATE quotes SET original = ?, translation = ?, original_hash = ?, version = version + ?, updated_at = ? WHERE id = ?`).run(
      original,
      translation,
      hashText(original),
      bump ? 1 : 0,
      this.stamp(),
      quoteId,
    )
  }

  delete(id: string): void {
    this.row(id)
    this.sql('DELETE FROM quotes WHERE id = ?').run(id)
  }

  /** Articles whose saved text holds a block of the quote. */
  usedIn(id: string): { id: string; title: string }[] {
    return this.sql('SELECT a.id, a.title FROM article_quotes x JOIN articles a ON a.id = x.article_id WHERE x.quote_id = ? ORDER BY a.updated_at DESC').all(id) as { id: string; title: string }[]
  }

  usageCounts(ids: readonly string[]): Map<string, number> {
    const rows = this.sql('SELECT quote_id, count(*) AS n FROM article_quotes WHERE quote_id IN (SELECT value FROM json_each(?)) GROUP BY quote_id').all(JSON.stringify(ids)) as { quote_id: string; n: number }[]
    return new Map(rows.map((r) => [r.quote_id, r.n]))
  }

  /** Quotes made for the article, then those its saved text uses, then `extra` (its unsaved text's), each once. */
  forArticle(articleId: string, extra: readonly string[]): string[] {
    const own = this.sql('SELECT id FROM quotes WHERE article_id = ? ORDER BY seq').pluck().all(articleId) as string[]
    const used = this.sql('SELECT quote_id FROM article_quotes WHERE article_id = ?').pluck().all(articleId) as string[]
    return [...new Set([...own, ...used, ...extra])]
  }

  /** Quote ids by words of either side (FTS, ranked), or newest first without words. */
  search(query: string, limit: number, offset: number): { ids: string[]; total: number } {
    const parsed = parseQuery(query)
    if (!parsed) {
      const total = this.sql('SELECT count(*) FROM quotes').pluck().get() as number
      return { ids: this.sql('SELECT id FROM quotes ORDER BY updated_at DESC, seq DESC LIMIT ? OFFSET ?').pluck().all(limit, offset) as string[], total }
    }
    const expression = matchOf(parsed.groups, parsed.prefix)
    const total = this.sql('SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH ?').pluck().get(expression) as number
    const ids = this.sql('SELECT q.id FROM quotes_fts f JOIN quotes q ON q.seq = f.rowid WHERE quotes_fts MATCH ? ORDER BY f.rank LIMIT ? OFFSET ?').pluck().all(expression, limit, offset) as string[]
    return { ids, total }
  }
}
