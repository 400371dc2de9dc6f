// Comments in the archive as the queue reads them: windows of rows with hints and delivery, threads, counts, search.
import type { Database, Statement } from 'better-sqlite3'
import { bareUrls, textToHtml } from '../../shared/comment-html'
import type { Comment, CommentFilter, CommentRow, CommentStatus, Delivery, Hint, StatusCounts } from '../../shared/comments'
import { CommentFilter as Filter } from '../../shared/comments'
import { ApiError } from '../../shared/errors'
import type { OutboxError } from '../../shared/publishing'
import { matchExpression } from '../archive'

/** Longer than this, a comment was most likely pasted from elsewhere (the seed's NEJM page is 1,947 characters). */
export const longAfter = 1500
/** Shorter than this, the same words twice ("Dank je!") say nothing about spam. */
const repeatedFrom = 30
const excerptLength = 320

export interface StoredComment {
  rowid: number
  id: string
  article_id: string
  article_title: string
  parent_id: string | null
  parent_author: string | null
  author_name: string
  author_email: string
  status: CommentStatus
  site_status: CommentStatus | null
  posted_at: string
  body: string
  html: string
  by_editor: number
  text_key: string
  deleted_at: string | null
  on_site: number
  edited: number
}

const columns = `c.rowid AS rowid, c.id, c.article_id, a.title AS article_title, c.parent_id, p.author_name AS parent_author, c.author_name,
  c.author_email, c.status, c.site_status, c.posted_at, c.body, c.html, c.by_editor, c.text_key, c.deleted_at,
  EXISTS (SELECT 1 FROM remote_comments r WHERE r.comment_id = c.id) AS on_site,
  EXISTS (SELECT 1 FROM comment_edits e WHERE e.comment_id = c.id) AS edited`
const from = `FROM comments c JOIN articles a ON a.id = c.article_id LEFT JOIN comments p ON p.id = c.parent_id`

export const emptyCounts = (): StatusCounts => ({ pending: 0, approved: 0, spam: 0, trash: 0, all: 0 })

export class CommentStore {
  private readonly statements = new Map<string, Statement>()

  constructor(readonly db: Database) {}

  sql(text: string): Statement {
    let statement = this.statements.get(text)
    if (!statement) this.statements.set(text, (statement = this.db.prepare(text)))
    return statement
  }

  /** The WHERE clause and its parameters for a filter; null when a search has no words to look for. */
  private where(filter: CommentFilter, withStatus: boolean): { clause: string; params: Record<string, unknown> } {
    const f = Filter.parse(filter)
    const parts = ['c.deleted_at IS NULL']
    const params: Record<string, unknown> = {}
    if (withStatus && f.status !== 'all') {
      parts.push('c.status = @status')
      params.status = f.status
    }
    if (f.articleId) {
      parts.push('c.article_id = @articleId')
      params.articleId = f.articleId
    }
    const match = f.query.trim() ? matchExpression(f.query) : null
    if (f.query.trim() && !match) parts.push('0')
    if (match) {
      parts.push('c.rowid IN (SELECT rowid FROM comments_fts WHERE comments_fts MATCH @match)')
      params.match = match
    }
    return { clause: parts.join(' AND '), params }
  }

  list(filter: CommentFilter, offset: number, limit: number): { items: CommentRow[]; total: number; counts: StatusCounts } {
    const { clause, params } = this.where(filter, true)
    const rows = this.sql(`SELECT ${columns} ${from} WHERE ${clause} ORDER BY c.posted_at DESC, c.id DESC LIMIT @limit OFFSET @offset`).all({
      ...params,
      limit,
      offset,
    }) as StoredComment[]
    const counts = this.counts(filter)
    const status = Filter.parse(filter).status
    return { items: rows.map((r) => this.toRow(r)), total: counts[status], counts }
  }

  ids(filter: CommentFilter, limit: number): { ids: string[]; total: number } {
    const { clause, params } = this.where(filter, true)
    const ids = this.sql(`SELECT c.id FROM comments c WHERE ${clause} ORDER BY c.posted_at DESC, c.id DESC LIMIT @limit`).pluck().all({ ...params, limit }) as string[]
    const counts = this.counts(filter)
    return { ids, total: counts[Filter.parse(filter).status] }
  }

  /** How many comments each status has, for the same article and search (the filter's own status aside). */
  counts(filter: CommentFilter = {}): StatusCounts {
    const { clause, params } = this.where(filter, false)
    const counts = emptyCounts()
    for (const row of this.sql(`SELECT c.status, count(*) AS n FROM comments c WHERE ${clause} GROUP BY c.status`).all(params) as { status: CommentStatus; n: number }[]) {
      counts[row.status] = row.n
      counts.all += row.n
    }
    return counts
  }

  stored(id: string): StoredComment {
    const row = this.sql(`SELECT ${columns} ${from} WHERE c.id = ?`).get(id) as StoredComment | undefined
    if (!row) throw new ApiError('not-found', `There is no comment ${id}.`)
    return row
  }

  find(id: string): StoredComment | undefined {
    return this.sql(`SELECT ${columns} ${from} WHERE c.id = ?`).get(id) as StoredComment | undefined
  }

  get(id: string): Comment {
    return this.toComment(this.stored(id))
  }

  /** An article's comments in thread order: each top-level comment by date, its replies under it. */
  thread(articleId: string): Comment[] {
    const rows = this.sql(`SELECT ${columns} ${from} WHERE c.article_id = ? AND c.deleted_at IS NULL ORDER BY c.posted_at, c.id`).all(articleId) as StoredComment[]
    const children = new Map<string | null, StoredComment[]>()
    const ids = new Set(rows.map((r) => r.id))
    for (const row of rows) {
      const parent = row.parent_id && ids.has(row.parent_id) ? row.parent_id : null
      children.set(parent, [...(children.get(parent) ?? []), row])
    }
    const ordered: StoredComment[] = []
    const visit = (parent: string | null) => {
      for (const row of children.get(parent) ?? []) {
        ordered.push(row)
        visit(row.id)
      }
    }
    visit(null)
    return ordered.map((r) => this.toComment(r))
  }

  replies(id: string): Comment[] {
    return (this.sql(`SELECT ${columns} ${from} WHERE c.parent_id = ? AND c.deleted_at IS NULL ORDER BY c.posted_at, c.id`).all(id) as StoredComment[]).map((r) => this.toComment(r))
  }

  email(id: string): string {
    const row = this.sql('SELECT author_email FROM comments WHERE id = ?').get(id) as { author_email: string } | undefined
    if (!row) throw new ApiError('not-found', `There is no comment ${id}.`)
    return row.author_email
  }

  toRow(row: StoredComment): CommentRow {
    return {
      id: row.id,
      articleId: row.article_id,
      articleTitle: row.article_title,
      parentId: row.parent_id,
      parentAuthor: row.parent_author,
      authorName: row.author_name,
      status: row.status,
      siteStatus: row.site_status,
      postedAt: row.posted_at,
      excerpt: excerpt(row.body),
      length: row.body.length,
      byEditor: row.by_editor === 1,
      hasEmail: row.author_email !== '',
      onSite: row.on_site === 1,
      edited: row.edited === 1,
      delivery: this.delivery(row.id),
      hints: row.status === 'pending' || row.status === 'spam' ? this.hints(row) : [],
    }
  }

  toComment(row: StoredComment): Comment {
    return { ...this.toRow(row), html: row.html || textToHtml(row.body), text: row.body }
  }

  /** The comment's latest outbox item: what its last decision is doing on the way to the site. */
  delivery(id: string): Delivery | null {
    const row = this.sql(`SELECT id, site_id, state, json_extract(payload, '$.action') AS action, error FROM outbox WHERE comment_id = ? ORDER BY seq DESC LIMIT 1`).get(id) as
      | { id: string; site_id: string; state: Delivery['state']; action: Delivery['action'] | null; error: string | null }
      | undefined
    if (!row) return null
    return { itemId: row.id, siteId: row.site_id, state: row.state, action: row.action ?? 'status', error: row.error ? (JSON.parse(row.error) as OutboxError) : null }
  }

  /** Why a comment may be waiting: its links, a first-time author, a long paste, the same text elsewhere. */
  hints(row: StoredComment): Hint[] {
    const hints: Hint[] = []
    const links = linkCount(row.html, row.body)
    if (links > 0) hints.push({ code: 'links', count: links })
    if (!row.by_editor && !this.approvedBefore(row)) hints.push({ code: 'first-time', count: 0 })
    if (row.body.length > longAfter) hints.push({ code: 'long', count: row.body.length })
    if (row.body.length >= repeatedFrom) {
      const same = (this.sql('SELECT count(*) AS n FROM comments WHERE text_key = ? AND id <> ? AND deleted_at IS NULL').get(row.text_key, row.id) as { n: number }).n
      if (same > 0) hints.push({ code: 'repeated', count: same })
    }
    return hints
  }

  private approvedBefore(row: StoredComment): boolean {
    const found = row.author_email
      ? this.sql(`SELECT 1 FROM comments WHERE author_email = ? COLLATE NOCASE AND status = 'approved' AND id <> ? LIMIT 1`).get(row.author_email, row.id)
      : this.sql(`SELECT 1 FROM comments WHERE author_name = ? COLLATE NOCASE AND author_email = '' AND status = 'approved' AND id <> ? LIMIT 1`).get(row.author_name, row.id)
    return Boolean(found)
  }
}

/** Distinct web addresses in a comment: its links, and addresses written out in its text. */
export function linkCount(html: string, text: string): number {
  const urls = new Set<string>()
  for (const m of html.matchAll(/<a\s[^>]*href="([^"]*)"/gi)) urls.add(m[1]!.replace(/&amp;/g, '&').replace(/\/$/, '').toLowerCase())
  for (const m of text.matchAll(bareUrls)) urls.add(m[0].replace(/[.,;:!?)]+$/, '').replace(/\/$/, '').toLowerCase())
  return urls.size
}

export function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > excerptLength ? `${flat.slice(0, excerptLength - 1).trimEnd()}…` : flat
}
