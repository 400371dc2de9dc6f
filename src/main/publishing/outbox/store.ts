// The outbox in the archive: items queued, claimed for sending, finished; batches and what each site holds.
import { randomUUID } from 'node:crypto'
import type { Database, Statement } from 'better-sqlite3'
import { ApiError } from '../../../shared/errors'
import type { CommentVersion } from '../../../shared/comments'
import type { Batch, OutboxError, OutboxItem, OutboxKind, OutboxState, RemoteStatus, StateCounts } from '../../../shared/publishing'
import type { RemoteRecord, RemoteVersion } from '../sites/adapter'

export interface OutboxRow {
  seq: number
  id: string
  site_id: string
  batch_id: string | null
  kind: OutboxKind
  article_id: string
  comment_id: string | null
  depends_on: number | null
  title: string
  revision_id: number | null
  remote_status: RemoteStatus | null
  payload: string
  idempotency_key: string
  state: OutboxState
  attempts: number
  failures: number
  next_attempt_at: string | null
  outcome_unknown: number
  error: string | null
  conflict: string | null
  remote_id: string | null
  remote_url: string | null
  created_at: string
  updated_at: string
  done_at: string | null
}

export interface NewItem {
  kind: OutboxKind
  articleId: string
  commentId?: string | null
  title: string
  revisionId: number | null
  remoteStatus: RemoteStatus | null
  payload: unknown
  dependsOn?: number | null
}

/** What a send came to, written back in one transaction with others that finished at the same time. */
export type Outcome =
  | { kind: 'done'; remote: RemoteRecord; revisionId: number | null; apply?: () => void }
  | { kind: 'retry'; at: string; error: OutboxError; outcomeUnknown: boolean; countsAsFailure: boolean }
  | { kind: 'failed'; error: OutboxError; siteProblem: boolean }
  | { kind: 'conflict'; error: OutboxError; theirs: RemoteVersion | CommentVersion | null }

export const emptyCounts = (): StateCounts => ({ queued: 0, sending: 0, done: 0, failed: 0, conflict: 0 })

export const toItem = (row: OutboxRow): OutboxItem => {
  const error = row.error ? (JSON.parse(row.error) as OutboxError) : null
  return {
    id: row.id,
    siteId: row.site_id,
    batchId: row.batch_id,
    kind: row.kind,
    articleId: row.article_id,
    commentId: row.comment_id,
    title: row.title,
    revisionId: row.revision_id,
    remoteStatus: row.remote_status,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.state === 'queued' ? row.next_attempt_at : null,
    error,
    remoteId: row.remote_id,
    remoteUrl: row.remote_url,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    doneAt: row.done_at,
  }
}

export class OutboxStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private at = () => this.now().toISOString()
  private readonly statements = new Map<string, Statement>()

  /** Each statement prepared once: the worker runs the same few per item, thousands of times in a batch. */
  private sql(text: string): Statement {
    let statement = this.statements.get(text)
    if (!statement) this.statements.set(text, (statement = this.db.prepare(text)))
    return statement
  }

  createBatch(siteId: string, action: Batch['action']): string {
    const id = randomUUID()
    this.db.prepare('INSERT INTO publish_batches (id, site_id, action, created_at) VALUES (?, ?, ?, ?)').run(id, siteId, action, this.at())
    return id
  }

  /** Queues items (call inside the caller's transaction so the batch and its items appear together). */
  enqueue(siteId: string, batchId: string | null, items: NewItem[]): OutboxItem[] {
    const at = this.at()
    const insert = this.db.prepare(
      `INSERT INTO outbox (id, site_id, batch_id, kind, article_id, comment_id, depends_on, title, revision_id, remote_status, payload,
         idempotency_key, state, next_attempt_at, created_at, updated_at)
       VALUES (@id, @siteId, @batchId, @kind, @articleId, @commentId, @dependsOn, @title, @revisionId, @remoteStatus, @payload,
         @key, 'queued', @at, @at, @at) RETURNING *`,
    )
    return items.map((item) =>
      toItem(
        insert.get({
          id: randomUUID(),
          siteId,
          batchId,
          kind: item.kind,
          articleId: item.articleId,
          commentId: item.commentId ?? null,
          dependsOn: item.dependsOn ?? null,
          title: item.title,
          revisionId: item.revisionId,
          remoteStatus: item.remoteStatus,
          payload: JSON.stringify(item.payload),
          key: randomUUID(),
          at,
        }) as OutboxRow,
      ),
    )
  }

  /** After a crash: what was being sent goes back to the queue, marked as possibly received by the site. */
  recover(): number {
    return this.sql(`UPDATE outbox SET state = 'queued', outcome_unknown = 1, updated_at = ? WHERE state = 'sending'`).run(this.at()).changes
  }

  /**
   * Claims up to `limit` due items for sending, in queue order: never two items of one article on one site at once,
   * never a comment before the article it depends on, nothing for a site with a problem.
   */
  claim(limit: number, asOf?: Date): OutboxRow[] {
    const at = (asOf ?? this.now()).toISOString()
    return this.db.transaction(() => {
      const rows = this
        .sql(
          `SELECT o.* FROM outbox o JOIN sites s ON s.id = o.site_id
           WHERE o.state = 'queued' AND o.next_attempt_at <= @at AND s.problem IS NULL
             AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.site_id = o.site_id AND p.article_id = o.article_id AND p.seq < o.seq AND p.state IN ('queued', 'sending'))
             AND (o.depends_on IS NULL OR EXISTS (SELECT 1 FROM outbox d WHERE d.seq = o.depends_on AND d.state = 'done'))
           ORDER BY o.seq LIMIT @limit`,
        )
        .all({ at, limit }) as OutboxRow[]
      const mark = this.sql(`UPDATE outbox SET state = 'sending', attempts = attempts + 1, updated_at = ? WHERE seq = ?`)
      for (const row of rows) mark.run(at, row.seq)
      return rows.map((row) => ({ ...row, state: 'sending' as const, attempts: row.attempts + 1, updated_at: at }))
    }).immediate()
  }

  /** Claimed items that were not sent go back to the queue as they were. */
  unclaim(seqs: number[]): void {
    this
      .sql(`UPDATE outbox SET state = 'queued', attempts = max(attempts - 1, 0), updated_at = ? WHERE state = 'sending' AND seq IN (SELECT value FROM json_each(?))`)
      .run(this.at(), JSON.stringify(seqs))
  }

  /** The earliest time a queued item of a site without a problem is due, or null when none is waiting. */
  nextDue(): string | null {
    const row = this
      .sql(`SELECT min(o.next_attempt_at) AS at FROM outbox o JOIN sites s ON s.id = o.site_id WHERE o.state = 'queued' AND s.problem IS NULL`)
      .get() as { at: string | null }
    return row.at
  }

  /** The earliest due time after `at`: the timer's target while items due now wait on others in flight. */
  nextDueAfter(at: string): string | null {
    const row = this
      .sql(`SELECT min(o.next_attempt_at) AS at FROM outbox o JOIN sites s ON s.id = o.site_id WHERE o.state = 'queued' AND s.problem IS NULL AND o.next_attempt_at > ?`)
      .get(at) as { at: string | null }
    return row.at
  }

  /** Writes what sends came to, all in one transaction, and claims up to `claim` due items in the same one. */
  finish(results: { row: OutboxRow; outcome: Outcome }[], claim = 0): OutboxRow[] {
    const at = this.at()
    const done = this.sql(`UPDATE outbox SET state = 'done', error = NULL, conflict = NULL, outcome_unknown = 0, remote_id = ?, remote_url = ?, updated_at = ?, done_at = ? WHERE seq = ?`)
    const retry = this.sql(`UPDATE outbox SET state = 'queued', next_attempt_at = ?, error = ?, outcome_unknown = max(outcome_unknown, ?), failures = failures + ?, updated_at = ? WHERE seq = ?`)
    const failed = this.sql(`UPDATE outbox SET state = 'failed', error = ?, updated_at = ? WHERE seq = ?`)
    const conflict = this.sql(`UPDATE outbox SET state = 'conflict', error = ?, conflict = ?, updated_at = ? WHERE seq = ?`)
    return this.db.transaction(() => {
      for (const { row, outcome } of results) {
        if (outcome.kind === 'done') {
          done.run(outcome.remote.remoteId, outcome.remote.remoteUrl, at, at, row.seq)
          // An article's item records what the site holds of the article; a comment's brings its own bookkeeping.
          if (outcome.apply) outcome.apply()
          else this.setRemote(row.site_id, row.article_id, outcome.remote, outcome.revisionId)
        } else if (outcome.kind === 'retry') {
          retry.run(outcome.at, JSON.stringify(outcome.error), outcome.outcomeUnknown ? 1 : 0, outcome.countsAsFailure ? 1 : 0, at, row.seq)
        } else if (outcome.kind === 'failed') {
          failed.run(JSON.stringify(outcome.error), at, row.seq)
        } else {
          conflict.run(JSON.stringify(outcome.error), JSON.stringify(outcome.theirs), at, row.seq)
        }
      }
      return claim > 0 ? this.claim(claim) : []
    }).immediate()
  }

  remote(siteId: string, articleId: string): RemoteRecord | null {
    const row = this
      .sql('SELECT remote_id, remote_url, remote_modified, etag, remote_status FROM remote_articles WHERE site_id = ? AND article_id = ?')
      .get(siteId, articleId) as { remote_id: string; remote_url: string | null; remote_modified: string | null; etag: string | null; remote_status: string | null } | undefined
    return row ? { remoteId: row.remote_id, remoteUrl: row.remote_url, remoteModified: row.remote_modified, etag: row.etag, remoteStatus: row.remote_status } : null
  }

  setRemote(siteId: string, articleId: string, remote: RemoteRecord, revisionId: number | null): void {
    this
      .sql(
        `INSERT INTO remote_articles (site_id, article_id, remote_id, remote_url, remote_modified, etag, remote_status, revision_id, synced_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (site_id, article_id) DO UPDATE SET remote_id = excluded.remote_id, remote_url = excluded.remote_url,
           remote_modified = excluded.remote_modified, etag = excluded.etag, remote_status = excluded.remote_status,
           revision_id = coalesce(excluded.revision_id, revision_id), synced_at = excluded.synced_at`,
      )
      .run(siteId, articleId, remote.remoteId, remote.remoteUrl, remote.remoteModified, remote.etag, remote.remoteStatus, revisionId, this.at())
  }

  row(id: string): OutboxRow {
    const row = this.db.prepare('SELECT * FROM outbox WHERE id = ?').get(id) as OutboxRow | undefined
    if (!row) throw new ApiError('not-found', `There is no outbox item ${id}.`)
    return row
  }

  item = (id: string): OutboxItem => toItem(this.row(id))

  list(filter: { siteId?: string; batchId?: string; articleId?: string; states?: OutboxState[]; limit: number; offset: number }) {
    const where = `(@siteId IS NULL OR site_id = @siteId) AND (@batchId IS NULL OR batch_id = @batchId) AND (@articleId IS NULL OR article_id = @articleId)`
    const params = { siteId: filter.siteId ?? null, batchId: filter.batchId ?? null, articleId: filter.articleId ?? null }
    const states = JSON.stringify(filter.states ?? [])
    const stateClause = filter.states?.length ? 'AND state IN (SELECT value FROM json_each(@states))' : ''
    const rows = this.db
      .prepare(`SELECT * FROM outbox WHERE ${where} ${stateClause} ORDER BY seq LIMIT @limit OFFSET @offset`)
      .all({ ...params, states, limit: filter.limit, offset: filter.offset }) as OutboxRow[]
    const counts = emptyCounts()
    for (const r of this.db.prepare(`SELECT state, count(*) AS n FROM outbox WHERE ${where} GROUP BY state`).all(params) as { state: OutboxState; n: number }[])
      counts[r.state] = r.n
    const total = filter.states?.length ? filter.states.reduce((sum, s) => sum + counts[s], 0) : Object.values(counts).reduce((a, b) => a + b, 0)
    return { items: rows.map(toItem), total, counts }
  }

  siteCounts(siteId: string): StateCounts {
    const counts = emptyCounts()
    for (const r of this.db.prepare('SELECT state, count(*) AS n FROM outbox WHERE site_id = ? GROUP BY state').all(siteId) as { state: OutboxState; n: number }[])
      counts[r.state] = r.n
    return counts
  }

  batch(id: string): Batch {
    const row = this.db.prepare('SELECT * FROM publish_batches WHERE id = ?').get(id) as { id: string; site_id: string; action: Batch['action']; created_at: string } | undefined
    if (!row) throw new ApiError('not-found', `There is no publish batch ${id}.`)
    const counts = emptyCounts()
    for (const r of this.db.prepare('SELECT state, count(*) AS n FROM outbox WHERE batch_id = ? GROUP BY state').all(id) as { state: OutboxState; n: number }[])
      counts[r.state] = r.n
    const total = Object.values(counts).reduce((a, b) => a + b, 0)
    return { id: row.id, siteId: row.site_id, action: row.action, createdAt: row.created_at, total, counts, finished: counts.queued + counts.sending === 0 }
  }

  batches(siteId: string | undefined, limit: number): Batch[] {
    const ids = this.db
      .prepare('SELECT id FROM publish_batches WHERE (? IS NULL OR site_id = ?) ORDER BY created_at DESC, rowid DESC LIMIT ?')
      .all(siteId ?? null, siteId ?? null, limit) as { id: string }[]
    return ids.map((r) => this.batch(r.id))
  }

  /** Queued items of the batch become failed ("cancelled"); items being sent finish on their own. */
  cancelBatch(batchId: string): string[] {
    const error: OutboxError = { code: 'cancelled', message: 'Cancelled by the editor before it was sent.', willRetry: false }
    return (this.db
      .prepare(`UPDATE outbox SET state = 'failed', error = ?, updated_at = ? WHERE batch_id = ? AND state = 'queued' RETURNING id`)
      .all(JSON.stringify(error), this.at(), batchId) as { id: string }[]).map((r) => r.id)
  }

  /** Failed items go back to the queue, due now, with their server-error count reset. */
  requeue(filter: { batchId?: string; itemIds?: string[]; siteId?: string; codes?: string[] }): string[] {
    const at = this.at()
    return (this.db
      .prepare(
        `UPDATE outbox SET state = 'queued', next_attempt_at = @at, failures = 0, error = NULL, updated_at = @at
         WHERE state = 'failed' AND (@batchId IS NULL OR batch_id = @batchId) AND (@siteId IS NULL OR site_id = @siteId)
           AND (@ids IS NULL OR id IN (SELECT value FROM json_each(@ids)))
           AND (@codes IS NULL OR json_extract(error, '$.code') IN (SELECT value FROM json_each(@codes)))
         RETURNING id`,
      )
      .all({
        at,
        batchId: filter.batchId ?? null,
        siteId: filter.siteId ?? null,
        ids: filter.itemIds ? JSON.stringify(filter.itemIds) : null,
        codes: filter.codes ? JSON.stringify(filter.codes) : null,
      }) as { id: string }[]).map((r) => r.id)
  }

  /** Items queued or being sent for an article on a site (pre-flight says "already on its way"). */
  pending(siteId: string, articleId: string): OutboxRow[] {
    return this.db.prepare(`SELECT * FROM outbox WHERE site_id = ? AND article_id = ? AND state IN ('queued', 'sending', 'conflict') ORDER BY seq`).all(siteId, articleId) as OutboxRow[]
  }

  hasPending(siteId: string): boolean {
    return Boolean(this.db.prepare(`SELECT 1 FROM outbox WHERE site_id = ? AND state IN ('queued', 'sending') LIMIT 1`).get(siteId))
  }
}
