// Full-text search over the articles (FTS5): ranked in bounded time whatever the editor types.
import type { Database } from 'better-sqlite3'
import type { StatusFilter } from '../../shared/articles'
import type { HighlightedText } from '../../shared/articles'
import { markAll, snippet } from './passages'
import { fold, matchOf, type ParsedQuery } from './query'

/** How many of the newest matches a search ranks, and how far it counts exactly: bounds that keep common words fast. */
export const rankWindow = 2000
export const countCap = 1000
/** The index has prefix lists for 1 to 3 letters; a longer prefix is completed from its vocabulary, up to this many words. */
const indexedPrefix = 3
const maxCompletions = 64

type Statuses = Exclude<StatusFilter, 'all'>
const statuses: Statuses[] = ['draft', 'ready', 'scheduled', 'published', 'archived']

export interface SearchPage {
  hits: { seq: number; title: HighlightedText; snippet: HighlightedText }[]
  total: number
  totalIsLowerBound: boolean
  counts: Partial<Record<StatusFilter, number>>
}

/**
 * The articles' full-text index. When a search matches at most `rankWindow` articles, all of them are ranked by
 * bm25 (title weighs 8 times the text). When it matches more (the commonest Dutch words match nearly every article),
 * bm25 would first count the whole index for each word, so the newest `rankWindow` matches are shown instead, those
 * with the words in their title first. Counts are exact up to `countCap`.
 */
export class ArticleIndex {
  constructor(private readonly db: Database) {}

  put(seq: number, title: string, text: string, status: string): void {
    this.db.prepare('INSERT OR REPLACE INTO articles_fts (rowid, title, body, status) VALUES (?, ?, ?, ?)').run(seq, title, text, status)
  }

  search(query: ParsedQuery, status: StatusFilter, limit: number, offset: number): SearchPage {
    const match = matchOf(query.groups, query.prefix, this.completions(query))
    const inStatus = status === 'all' ? '' : ` AND status: "${status}"`
    const expression = `{title body}: (${match})${inStatus}`
    const newest = this.newest(expression, rankWindow + 1)
    const ordered = newest.length <= rankWindow ? this.ranked(expression) : this.titlesFirst(`{title}: (${match})${inStatus}`, newest.slice(0, rankWindow))

    const matching = status === 'all' ? newest : this.newest(`{title body}: (${match})`, countCap + 1)
    const counts = matching.length <= countCap ? this.countByStatus(matching) : {}
    const total = counts[status] ?? newest.length
    const page = ordered.slice(offset, offset + limit)
    const texts = this.db
      .prepare('SELECT rowid AS seq, title, body FROM articles_fts WHERE rowid IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(page)) as { seq: number; title: string; body: string }[]
    const bySeq = new Map(texts.map((t) => [t.seq, t]))
    return {
      hits: page.map((seq) => ({
        seq,
        title: markAll(bySeq.get(seq)?.title ?? '', query.terms),
        snippet: snippet(bySeq.get(seq)?.body ?? '', query.terms),
      })),
      total: Math.min(total, countCap),
      totalIsLowerBound: total > countCap,
      counts,
    }
  }

  /** The index's words that complete a long prefix, or undefined to search the prefix itself. */
  private completions(query: ParsedQuery): string[] | undefined {
    if (!query.prefix) return undefined
    const prefix = fold(query.groups[query.groups.length - 1]![0]!)
    if (prefix.length <= indexedPrefix) return undefined
    const end = prefix.slice(0, -1) + String.fromCodePoint(prefix.codePointAt(prefix.length - 1)! + 1)
    const words = this.db
      .prepare('SELECT term FROM articles_vocab WHERE term >= ? AND term < ? LIMIT ?')
      .pluck()
      .all(prefix, end, maxCompletions + 1) as string[]
    return words.length > 0 && words.length <= maxCompletions ? words : undefined
  }

  private newest(expression: string, count: number): number[] {
    return this.db.prepare('SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ?').pluck().all(expression, count) as number[]
  }

  private ranked(expression: string): number[] {
    const scored = this.db
      .prepare('SELECT rowid AS seq, bm25(articles_fts, 8.0, 1.0, 0.0) AS score FROM articles_fts WHERE articles_fts MATCH ?')
      .all(expression) as { seq: number; score: number }[]
    return scored.sort((a, b) => a.score - b.score || b.seq - a.seq).map((r) => r.seq)
  }

  private titlesFirst(titleExpression: string, window: number[]): number[] {
    const floor = window[window.length - 1]!
    const inTitle = this.newest(titleExpression, rankWindow).filter((seq) => seq >= floor)
    const titled = new Set(inTitle)
    return [...inTitle, ...window.filter((seq) => !titled.has(seq))]
  }

  private countByStatus(seqs: number[]): Partial<Record<StatusFilter, number>> {
    const counts: Partial<Record<StatusFilter, number>> = { all: seqs.length }
    for (const s of statuses) counts[s] = 0
    const rows = this.db
      .prepare('SELECT status, count(*) AS n FROM articles WHERE seq IN (SELECT value FROM json_each(?)) GROUP BY status')
      .all(JSON.stringify(seqs)) as { status: Statuses; n: number }[]
    for (const row of rows) counts[row.status] = row.n
    return counts
  }
}
