// The glossary in the archive: one entry per English term, its preferred and forbidden Dutch terms, and a note.
import { randomUUID } from 'node:crypto'
import type { Database, Statement } from 'better-sqlite3'
import { ApiError } from '../../../shared/errors'
import type { GlossaryDraft, GlossaryEntry } from '../../../shared/quotes'
import { fold, normalizeSpace } from '../text'
import { GlossaryMatcher } from './match'

interface Row {
  id: string
  term: string
  term_key: string
  preferred: string
  forbidden: string
  note: string
  updated_at: string
}

const toEntry = (row: Row): GlossaryEntry => ({
  id: row.id,
  term: row.term,
  preferred: JSON.parse(row.preferred) as string[],
  forbidden: JSON.parse(row.forbidden) as string[],
  note: row.note,
  updatedAt: row.updated_at,
})

/** Two spellings of one English term are one entry: case, spacing and diacritics do not count. */
export const termKey = (term: string): string => fold(normalizeSpace(term))

const tidyTerms = (terms: readonly string[]) => [...new Map(terms.map((t) => normalizeSpace(t)).filter(Boolean).map((t) => [fold(t), t])).values()]

export class GlossaryStore {
  private readonly statements = new Map<string, Statement>()
  private matcherCache: GlossaryMatcher | null = null

  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private sql(text: string): Statement {
    let statement = this.statements.get(text)
    if (!statement) this.statements.set(text, (statement = this.db.prepare(text)))
    return statement
  }

  /** The glossary ready for matching; made again after any change. */
  matcher(): GlossaryMatcher {
    this.matcherCache ??= new GlossaryMatcher(this.all())
    return this.matcherCache
  }

  all(): GlossaryEntry[] {
    return (this.sql('SELECT * FROM glossary ORDER BY term_key').all() as Row[]).map(toEntry)
  }

  get(id: string): GlossaryEntry {
    const row = this.sql('SELECT * FROM glossary WHERE id = ?').get(id) as Row | undefined
    if (!row) throw new ApiError('not-found', `There is no glossary entry ${id}.`)
    return toEntry(row)
  }

  byTerm(term: string): GlossaryEntry | null {
    const row = this.sql('SELECT * FROM glossary WHERE term_key = ?').get(termKey(term)) as Row | undefined
    return row ? toEntry(row) : null
  }

  /** Entries with the words in any of their terms or the note (diacritics ignored); a glossary is small enough to filter here. */
  list(query: string, limit: number, offset: number): { items: GlossaryEntry[]; total: number } {
    const needle = fold(normalizeSpace(query))
    const all = this.all()
    const matching = needle ? all.filter((e) => fold([e.term, ...e.preferred, ...e.forbidden, e.note].join('\n')).includes(needle)) : all
    return { items: matching.slice(offset, offset + limit), total: matching.length }
  }

  /** Adds an entry, or changes entry `id`; another entry with the same English term is a conflict. */
  save(draft: GlossaryDraft, id?: string): GlossaryEntry {
    const term = normalizeSpace(draft.term)
    const preferred = tidyTerms(draft.preferred)
    if (!term || preferred.length === 0) throw new ApiError('invalid-input', 'A glossary entry needs an English term and at least one Dutch term.')
    const preferredKeys = new Set(preferred.map(fold))
    const forbidden = tidyTerms(draft.forbidden).filter((f) => !preferredKeys.has(fold(f)))
    const other = this.byTerm(term)
    if (other && other.id !== id) throw new ApiError('conflict', `The glossary has "${other.term}" already.`, { id: other.id })
    const at = this.now().toISOString()
    const values = [term, termKey(term), JSON.stringify(preferred), JSON.stringify(forbidden), normalizeSpace(draft.note ?? '')]
    if (id) {
      this.get(id)
      this.sql('UPDATE glossary SET term = ?, term_key = ?, preferred = ?, forbidden = ?, note = ?, updated_at = ? WHERE id = ?').run(...values, at, id)
    } else {
      id = randomUUID()
      this.sql('INSERT INTO glossary (term, term_key, preferred, forbidden, note, created_at, updated_at, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(...values, at, at, id)
    }
    this.matcherCache = null
    return this.get(id)
  }

  delete(id: string): void {
    this.get(id)
    this.sql('DELETE FROM glossary WHERE id = ?').run(id)
    this.matcherCache = null
  }

  count(): number {
    return this.sql('SELECT count(*) FROM glossary').pluck().get() as number
  }
}
