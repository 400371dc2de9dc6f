// Reading a site's comments into the archive, incrementally from the last mark, attached to local articles, threads kept.
import { randomUUID } from 'node:crypto'
import type { SyncResult } from '../../shared/comments'
import type { OutboxError } from '../../shared/publishing'
import type { Archive } from '../archive'
import { fromTransport } from '../publishing/sites/adapter'
import { cleanHtml, cleanPlain } from './sanitize'
import type { CommentSite, RemoteComment } from './sites/adapter'
import type { CommentStore } from './store'

export interface SyncDeps {
  archive: Archive
  store: CommentStore
  siteFor(siteId: string): CommentSite
  siteName(siteId: string): string
  siteKind(siteId: string): string
  now(): Date
}

interface Local {
  id: string
  article_id: string
  status: string
  html: string
  body: string
  author_name: string
  /** An item of this comment is on its way or waiting for the editor: the editor's status stands until it is settled. */
  unsettled: number
  editing: number
}

export class CommentSync {
  private readonly running = new Map<string, Promise<SyncResult>>()

  constructor(private readonly deps: SyncDeps) {}

  /** One sync per site at a time: asking again while it runs gets the running one. */
  sync(siteId: string, signal?: AbortSignal): Promise<SyncResult> {
    const running = this.running.get(siteId)
    if (running) return running
    const run = this.run(siteId, signal).finally(() => this.running.delete(siteId))
    this.running.set(siteId, run)
    return run
  }

  private async run(siteId: string, signal?: AbortSignal): Promise<SyncResult & { articleIds: Set<string> }> {
    const { store } = this.deps
    const result = { siteId, siteName: this.deps.siteName(siteId), ok: true, added: 0, updated: 0, skipped: 0, error: null as OutboxError | null, articleIds: new Set<string>() }
    const mark = (store.sql('SELECT mark FROM comment_sync WHERE site_id = ?').get(siteId) as { mark: string | null } | undefined)?.mark ?? null
    const watch = store.sql(`SELECT r.remote_id FROM remote_comments r JOIN comments c ON c.id = r.comment_id WHERE r.site_id = ? AND c.site_status = 'pending'`).pluck().all(siteId) as string[]
    try {
      for await (const page of this.deps.siteFor(siteId).changes(mark, { signal, watch })) {
        this.deps.archive.transaction(() => {
          for (const comment of page.comments) this.take(siteId, comment, result)
          this.linkParents(siteId, page.comments)
          if (page.mark) this.saveMark(siteId, page.mark, result)
        })
      }
    } catch (error) {
      result.ok = false
      result.error = fromTransport(error).toOutboxError(false)
    }
    this.deps.archive.transaction(() => this.saveMark(siteId, null, result))
    return result
  }

  private saveMark(siteId: string, mark: string | null, result: SyncResult): void {
    const at = this.deps.now().toISOString()
    const summary = JSON.stringify({ ok: result.ok, added: result.added, updated: result.updated, skipped: result.skipped, error: result.error })
    this.deps.store
      .sql(
        `INSERT INTO comment_sync (site_id, mark, synced_at, result) VALUES (?, ?, ?, ?)
         ON CONFLICT (site_id) DO UPDATE SET mark = coalesce(excluded.mark, mark), synced_at = excluded.synced_at, result = excluded.result`,
      )
      .run(siteId, mark, at, summary)
  }

  /** The local article of a post on the site: as published from Kopij or imported; Kopij's export API uses Kopij's ids. */
  private articleFor(siteId: string, remoteArticleId: string): string | undefined {
    const { store } = this.deps
    const mapped = store.sql('SELECT article_id FROM remote_articles WHERE site_id = ? AND remote_id = ?').pluck().get(siteId, remoteArticleId) as string | undefined
    if (mapped || this.deps.siteKind(siteId) !== 'kopij-api') return mapped
    return store.sql('SELECT id FROM articles WHERE id = ?').pluck().get(remoteArticleId) as string | undefined
  }

  private take(siteId: string, remote: RemoteComment, result: SyncResult & { articleIds: Set<string> }): void {
    const { store } = this.deps
    const at = this.deps.now().toISOString()
    const clean = remote.format === 'html' ? cleanHtml(remote.body) : cleanPlain(remote.body)
    const authorName = remote.authorName.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '').trim().slice(0, 200)
    let localId = store.sql('SELECT comment_id FROM remote_comments WHERE site_id = ? AND remote_id = ?').pluck().get(siteId, remote.remoteId) as string | undefined
    // The export API keeps Kopij's own id for an editor's reply: one sent whose answer was lost is recognised here.
    if (!localId && remote.byEditor && store.sql('SELECT 1 FROM comments WHERE id = ? AND by_editor = 1').get(remote.remoteId)) {
      localId = remote.remoteId
      store.sql('INSERT OR IGNORE INTO remote_comments (site_id, comment_id, remote_id) VALUES (?, ?, ?)').run(siteId, localId, remote.remoteId)
    }
    const mapping = [remote.status, remote.modifiedAt, remote.remoteParentId, remote.url, siteId, remote.remoteId] as const
    if (!localId) {
      const articleId = this.articleFor(siteId, remote.remoteArticleId)
      if (!articleId) {
        result.skipped++
        return
      }
      const id = randomUUID()
      store
        .sql(
          `INSERT INTO comments (id, article_id, parent_id, author_name, author_email, status, posted_at, body, html, by_editor, site_status, updated_at)
           VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, articleId, authorName, remote.authorEmail.slice(0, 200), remote.status, remote.postedAt, clean.text, clean.html, remote.byEditor ? 1 : 0, remote.status, at)
      store.sql('INSERT INTO remote_comments (site_id, comment_id, remote_id) VALUES (?, ?, ?)').run(siteId, id, remote.remoteId)
      store.sql('UPDATE remote_comments SET remote_status = ?, remote_modified = ?, remote_parent_id = ?, remote_url = ? WHERE site_id = ? AND remote_id = ?').run(...mapping)
      result.added++
      result.articleIds.add(articleId)
      return
    }
    store.sql('UPDATE remote_comments SET remote_status = ?, remote_modified = ?, remote_parent_id = ?, remote_url = ? WHERE site_id = ? AND remote_id = ?').run(...mapping)
    const local = store
      .sql(
        `SELECT c.id, c.article_id, c.status, c.html, c.body, c.author_name,
           EXISTS (SELECT 1 FROM outbox o WHERE o.comment_id = c.id AND o.site_id = @site AND o.state IN ('queued', 'sending', 'failed', 'conflict')) AS unsettled,
           EXISTS (SELECT 1 FROM outbox o WHERE o.comment_id = c.id AND o.site_id = @site AND o.state IN ('queued', 'sending', 'failed', 'conflict') AND json_extract(o.payload, '$.action') IN ('edit', 'reply')) AS editing
         FROM comments c WHERE c.id = @id`,
      )
      .get({ site: siteId, id: localId }) as Local | undefined
    if (!local) return
    const status = local.unsettled ? local.status : remote.status
    const text = local.editing ? { html: local.html, text: local.body } : clean
    const changed = status !== local.status || text.html !== (local.html || clean.html) || authorName !== local.author_name
    store
      .sql('UPDATE comments SET status = ?, site_status = ?, html = ?, body = ?, author_name = ?, updated_at = CASE WHEN ? THEN ? ELSE updated_at END WHERE id = ?')
      .run(status, remote.status, text.html, text.text, authorName, changed ? 1 : 0, at, localId)
    if (changed) {
      result.updated++
      result.articleIds.add(local.article_id)
    }
  }

  /** Threads: a reply that arrived before its parent gets it once the parent is in the archive too. */
  private linkParents(siteId: string, page: RemoteComment[]): void {
    const children = page.filter((c) => c.remoteParentId).map((c) => c.remoteId)
    if (!children.length) return
    this.deps.store
      .sql(
        `UPDATE comments SET parent_id = x.parent
         FROM (SELECT r.comment_id AS child, p.comment_id AS parent FROM remote_comments r
               JOIN remote_comments p ON p.site_id = r.site_id AND p.remote_id = r.remote_parent_id
               WHERE r.site_id = ? AND r.remote_id IN (SELECT value FROM json_each(?))) AS x
         WHERE comments.id = x.child AND comments.parent_id IS NULL AND x.parent <> comments.id`,
      )
      .run(siteId, JSON.stringify(children))
    // A parent that arrives after its replies: those replies are found by the parent's remote id.
    const parents = page.map((c) => c.remoteId)
    this.deps.store
      .sql(
        `UPDATE comments SET parent_id = x.parent
         FROM (SELECT r.comment_id AS child, p.comment_id AS parent FROM remote_comments p
               JOIN remote_comments r ON r.site_id = p.site_id AND r.remote_parent_id = p.remote_id
               WHERE p.site_id = ? AND p.remote_id IN (SELECT value FROM json_each(?))) AS x
         WHERE comments.id = x.child AND comments.parent_id IS NULL AND x.parent <> comments.id`,
      )
      .run(siteId, JSON.stringify(parents))
  }
}
