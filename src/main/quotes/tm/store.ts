// The translation memory: confirmed pairs and imported ones, exact and fuzzy lookup over all of them.
import type { Database, Statement } from 'better-sqlite3'
import { ApiError } from '../../../shared/errors'
import type { TmMatch, TmUnit } from '../../../shared/quotes'
import { matchOf, parseQuery } from '../../archive/query'
import { fold, hashText, looseKey, normalizeSpace } from '../text'
import { roughScore, scoreBound, scoreMatch } from './score'

interface Row {
  id: number
  source: string
  target: string
  origin: 'quote' | 'import'
  quote_id: string | null
  pair_hash: string
  updated_at: string
}

const toUnit = (row: Row): TmUnit => ({ id: row.id, source: row.source, target: row.target, origin: row.origin, quoteId: row.quote_id, updatedAt: row.updated_at })

export const pairHash = (source: string, target: string): string => hashText(`${normalizeSpace(source)}\u0000${normalizeSpace(target)}`)

/** Candidates ranked by FTS5 before they are scored; words asked for until their pairs add up to this many. */
const candidateLimit = 60
const postingBudget = 20_000
const maxTerms = 10
/** Candidates scored with the fine (character-level) cost after the rough ranking. */
const refineLimit = 12

export interface ImportedPair {
  source: string
  target: string
  createdAt?: string
  updatedAt?: string
}

export class TmStore {
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

  count(): number {
    return this.sql('SELECT count(*) FROM tm_units').pluck().get() as number
  }

  /** A confirmed segment's pair: one row per segment, changed in place when the segment is confirmed again. */
  fromSegment(segmentId: string, quoteId: string, source: string, target: string): void {
    const at = this.now().toISOString()
    const values = [normalizeSpace(source), normalizeSpace(target), hashText(source), looseKey(source), pairHash(source, target)]
    const existing = this.sql('SELECT id, pair_hash FROM tm_units WHERE segment_id = ?').get(segmentId) as { id: number; pair_hash: string } | undefined
    if (existing) {
      if (existing.pair_hash !== values[4]) this.sql('UPDATE tm_units SET source = ?, target = ?, source_hash = ?, source_key = ?, pair_hash = ?, quote_id = ?, updated_at = ? WHERE id = ?').run(...values, quoteId, at, existing.id)
      return
    }
    this.sql(
      `INSERT INTO tm_units (source, target, source_hash, source_key, pair_hash, origin, segment_id, quote_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'quote', ?, ?, ?, ?)`,
    ).run(...values, segmentId, quoteId, at, at)
  }

  /** Pairs the memory has already (by pair hash), for an import's duplicate count. */
  knownPairs(hashes: readonly string[]): Set<string> {
    const known = new Set<string>()
    const check = this.sql('SELECT 1 FROM tm_units WHERE pair_hash = ? LIMIT 1').pluck()
    for (const hash of hashes) if (check.get(hash)) known.add(hash)
    return known
  }

  /** Adds imported pairs the memory does not have; returns how many were added. Run inside a transaction. */
  addImported(pairs: readonly ImportedPair[]): number {
    const insert = this.sql(
      `INSERT INTO tm_units (source, target, source_hash, source_key, pair_hash, origin, created_at, updated_at)
       SELECT ?, ?, ?, ?, ?, 'import', ?, ? WHERE NOT EXISTS (SELECT 1 FROM tm_units WHERE pair_hash = ?)`,
    )
    const at = this.now().toISOString()
    let added = 0
    for (const pair of pairs) {
      const hash = pairHash(pair.source, pair.target)
      added += insert.run(normalizeSpace(pair.source), normalizeSpace(pair.target), hashText(pair.source), looseKey(pair.source), hash, pair.createdAt ?? at, pair.updatedAt ?? pair.createdAt ?? at, hash).changes
    }
    return added
  }

  delete(id: number): void {
    if (this.sql('DELETE FROM tm_units WHERE id = ?').run(id).changes === 0) throw new ApiError('not-found', `The memory has no pair ${id}.`)
  }

  /** Concordance: pairs with these words on either side; newest first without words. */
  search(query: string, limit: number, offset: number): { items: TmUnit[]; total: number } {
    const parsed = parseQuery(query)
    if (!parsed) {
      const rows = this.sql('SELECT * FROM tm_units ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?').all(limit, offset) as Row[]
      return { items: rows.map(toUnit), total: this.count() }
    }
    const expression = matchOf(parsed.groups, parsed.prefix)
    const total = this.sql('SELECT count(*) FROM tm_fts WHERE tm_fts MATCH ?').pluck().get(expression) as number
    const rows = this.sql('SELECT u.* FROM tm_fts f JOIN tm_units u ON u.id = f.rowid WHERE tm_fts MATCH ? ORDER BY f.rank LIMIT ? OFFSET ?').all(expression, limit, offset) as Row[]
    return { items: rows.map(toUnit), total }
  }

  /** Every pair, oldest first, for an export (iterated, so 100,000 pairs are not all held as rows at once). */
  *all(): Generator<TmUnit & { createdAt: string }> {
    for (const row of this.sql('SELECT * FROM tm_units ORDER BY id').iterate() as Iterable<Row & { created_at: string }>) yield { ...toUnit(row), createdAt: row.created_at }
  }

  /**
   * Matches for a sentence: exact ones by hash, fuzzy ones among candidates FTS5 ranks by the sentence's rarest words,
   * scored by a word alignment (rough for all, fine for the best). The same pair twice (two segments) is shown once.
   */
  lookup(text: string, limit: number, minScore: number): TmMatch[] {
    const sentence = normalizeSpace(text)
    if (!sentence) return []
    const rows = new Map<number, Row>()
    for (const row of this.sql('SELECT * FROM tm_units WHERE source_hash = ? OR source_key = ? LIMIT 50').all(hashText(sentence), looseKey(sentence)) as Row[]) rows.set(row.id, row)
    for (const row of this.candidates(sentence)) rows.set(row.id, row)
    const rough = [...rows.values()]
      .filter((row) => scoreBound(row.source, sentence) >= minScore)
      .map((row) => ({ row, rough: roughScore(row.source, sentence) }))
      .sort((a, b) => b.rough - a.rough)
      .slice(0, refineLimit)
    const seen = new Set<string>()
    return rough
      .map(({ row }) => ({ row, ...scoreMatch(row.source, sentence) }))
      .filter((m) => m.score >= minScore)
      .sort((a, b) => b.score - a.score || (a.row.updated_at < b.row.updated_at ? 1 : -1))
      .filter((m) => !seen.has(m.row.pair_hash) && !!seen.add(m.row.pair_hash))
      .slice(0, limit)
      .map((m) => ({ ...toUnit(m.row), score: m.score, diff: m.diff }))
  }

  private candidates(sentence: string): Row[] {
    const words = [...new Set((fold(sentence).match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length > 1 || /\d/.test(w)))]
    if (words.length === 0) return []
    const frequency = this.sql(`SELECT term, doc FROM tm_vocab WHERE col = 'source' AND term IN (SELECT value FROM json_each(?))`).all(JSON.stringify(words)) as { term: string; doc: number }[]
    const known = frequency.sort((a, b) => a.doc - b.doc)
    const chosen: string[] = []
    let postings = 0
    for (const { term, doc } of known) {
      if (chosen.length >= maxTerms || (chosen.length > 0 && postings + doc > postingBudget)) break
      chosen.push(term)
      postings += doc
    }
    if (chosen.length === 0) return []
    const expression = `source : (${chosen.map((t) => `"${t}"`).join(' OR ')})`
    return this.sql('SELECT u.* FROM tm_fts f JOIN tm_units u ON u.id = f.rowid WHERE tm_fts MATCH ? ORDER BY f.rank LIMIT ?').all(expression, candidateLimit) as Row[]
  }
}
