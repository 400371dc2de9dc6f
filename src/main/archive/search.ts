// Full-text search: what an editor types made a safe FTS5 expression, ranked in bounded time, marked for highlighting.
import type { Database } from 'better-sqlite3'
import type { HighlightedText, StatusFilter } from '../../shared/articles'

const wordPattern = /[\p{L}\p{N}\p{Co}]+/gu
const maxTerms = 16

export interface QueryTerm {
  /** Folded as the index folds it: lowercase, without diacritics. */
  word: string
  prefix: boolean
}

export interface ParsedQuery {
  expression: string
  terms: QueryTerm[]
}

/** Lowercase without diacritics, as FTS5's unicode61 tokenizer with remove_diacritics folds a token. */
export const fold = (word: string): string => word.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase()

/**
 * Search text is text: only letters and digits become terms, each quoted, so `AND`, `NEAR`, `*`, `(` or a stray
 * quote can never become FTS syntax. Text in balanced double quotes is searched as a phrase; the last word, when
 * the editor is still typing it, matches as a prefix. Returns null when there is nothing to search for.
 */
export function parseQuery(text: string): ParsedQuery | null {
  const input = text.normalize('NFC').slice(0, 1000)
  const parts = input.split('"')
  // With an odd number of quotes the last one is unbalanced: treat what follows it as loose words.
  const closed = parts.length % 2 === 1 ? parts.length : parts.length - 1
  const groups: string[][] = []
  parts.forEach((part, index) => {
    const words = part.match(wordPattern) ?? []
    if (words.length === 0) return
    if (index % 2 === 1 && index < closed) groups.push(words)
    else for (const word of words) groups.push([word])
  })
  if (groups.length === 0) return null
  const kept = groups.slice(0, maxTerms)
  const last = kept[kept.length - 1]!
  const stillTyping = /[\p{L}\p{N}]$/u.test(input) && kept.length === groups.length && last.length === 1
  const expression = kept.map((g, i) => `"${g.join(' ')}"${stillTyping && i === kept.length - 1 ? '*' : ''}`).join(' ')
  const terms = kept.flatMap((g, i) => g.map((word) => ({ word: fold(word), prefix: stillTyping && i === kept.length - 1 })))
  return { expression, terms }
}

export const matchExpression = (text: string): string | null => parseQuery(text)?.expression ?? null

const tokenPattern = /[\p{L}\p{N}\p{Co}\p{M}]+/gu

function matches(token: string, terms: QueryTerm[]): boolean {
  // Most tokens are plain ASCII; Unicode normalisation is the costly part of folding, so only pay it when needed.
  const folded = /[^\x00-\x7f]/.test(token) ? fold(token) : token.toLowerCase()
  return terms.some((t) => (t.prefix ? folded.startsWith(t.word) : folded === t.word))
}

/** The whole text (a title) with every matching word marked. */
export function markAll(text: string, terms: QueryTerm[]): HighlightedText {
  const runs: HighlightedText = []
  let at = 0
  for (const m of text.matchAll(tokenPattern)) {
    if (!matches(m[0], terms)) continue
    if (m.index > at) runs.push({ text: text.slice(at, m.index), match: false })
    runs.push({ text: m[0], match: true })
    at = m.index + m[0].length
  }
  if (at < text.length) runs.push({ text: text.slice(at), match: false })
  return runs
}

/** A passage of about `size` words around the densest cluster of matches, with ellipses where it was cut. */
export function snippet(text: string, terms: QueryTerm[], size = 24): HighlightedText {
  const tokens = [...text.matchAll(tokenPattern)].map((m) => ({ start: m.index, end: m.index + m[0].length, hit: matches(m[0], terms) }))
  if (tokens.length === 0) return []
  const hits = tokens.flatMap((t, i) => (t.hit ? [i] : [])).slice(0, 200)
  let from = 0
  let best = -1
  for (const h of hits) {
    const start = Math.max(0, Math.min(h - 3, tokens.length - size))
    const count = hits.filter((x) => x >= start && x < start + size).length
    if (count > best) [best, from] = [count, start]
  }
  const to = Math.min(tokens.length, from + size)
  const startChar = tokens[from]!.start
  const endChar = tokens[to - 1]!.end
  const runs = markAll(text.slice(startChar, endChar).replace(/\s+/g, ' '), terms)
  if (from > 0) runs.unshift({ text: '…', match: false })
  if (to < tokens.length) runs.push({ text: '…', match: false })
  return runs
}

/** How many of the newest matches a search ranks, and how far it counts exactly: bounds that keep common words fast. */
export const rankWindow = 2000
export const countCap = 1000

type Statuses = Exclude<StatusFilter, 'all'>
const statuses: Statuses[] = ['draft', 'ready', 'scheduled', 'published', 'archived']

export interface SearchPage {
  hits: { seq: number; title: HighlightedText; snippet: HighlightedText }[]
  total: number
  totalIsLowerBound: boolean
  counts: Partial<Record<StatusFilter, number>>
}

/**
 * The articles' full-text index (FTS5). Sorting every match of a word like "de" in 100,000 articles by bm25 costs
 * far more than an editor waits for, so a search ranks (bm25, title first) the newest `rankWindow` matches and counts
 * exactly up to `countCap`; for rarer words that is every match. Passages are marked in JS for the one page shown:
 * FTS5's snippet() cannot be limited to that page cheaply.
 */
export class ArticleIndex {
  constructor(private readonly db: Database) {}

  put(seq: number, title: string, text: string, status: string): void {
    this.db.prepare('INSERT OR REPLACE INTO articles_fts (rowid, title, body, status) VALUES (?, ?, ?, ?)').run(seq, title, text, status)
  }

  search(query: ParsedQuery, status: StatusFilter, limit: number, offset: number): SearchPage {
    const words = `{title body}: (${query.expression})`
    const expression = status === 'all' ? words : `${words} AND status: "${status}"`
    const scored = this.db
      .prepare('SELECT rowid AS seq, bm25(articles_fts, 8.0, 1.0, 0.0) AS score FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ?')
      .all(expression, rankWindow) as { seq: number; score: number }[]
    const page = scored.sort((a, b) => a.score - b.score || b.seq - a.seq).slice(offset, offset + limit)

    const matching = status === 'all' ? scored.map((r) => r.seq) : this.newest(words, countCap + 1)
    const counts: Partial<Record<StatusFilter, number>> = {}
    if (matching.length <= countCap) {
      counts.all = matching.length
      for (const s of statuses) counts[s] = 0
      const rows = this.db
        .prepare('SELECT status, count(*) AS n FROM articles WHERE seq IN (SELECT value FROM json_each(?)) GROUP BY status')
        .all(JSON.stringify(matching)) as { status: Statuses; n: number }[]
      for (const row of rows) counts[row.status] = row.n
    }
    const total = counts[status] ?? Math.min(scored.length, countCap + 1)
    const texts = this.db
      .prepare('SELECT rowid AS seq, title, body FROM articles_fts WHERE rowid IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(page.map((r) => r.seq))) as { seq: number; title: string; body: string }[]
    const bySeq = new Map(texts.map((t) => [t.seq, t]))
    return {
      hits: page.map(({ seq }) => ({
        seq,
        title: markAll(bySeq.get(seq)?.title ?? '', query.terms),
        snippet: snippet(bySeq.get(seq)?.body ?? '', query.terms),
      })),
      total: Math.min(total, countCap),
      totalIsLowerBound: total > countCap,
      counts,
    }
  }

  private newest(expression: string, count: number): number[] {
    return this.db.prepare('SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ?').pluck().all(expression, count) as number[]
  }
}
