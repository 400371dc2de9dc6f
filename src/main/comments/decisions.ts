// Moderation decisions, replies, edits and deletions: shown at once (stored locally), then queued in the outbox per site.
import { randomUUID } from 'node:crypto'
import { htmlToRaw, rawToHtml } from '../../shared/comment-html'
import type { Comment, CommentStatus } from '../../shared/comments'
import { ApiError } from '../../shared/errors'
import type { Archive } from '../archive'
import type { NewItem } from '../publishing/outbox/store'
import type { Publishing } from '../publishing'
import { cleanHtml } from './sanitize'
import type { CommentStore, StoredComment } from './store'

/** What an outbox item of a comment carries; `remoteId` null: the comment reaches the site through an item before it. */
export type CommentPayload =
  | { action: 'status'; commentId: string; remoteId: string | null; status: CommentStatus; expected: CommentStatus }
  | { action: 'edit'; commentId: string; remoteId: string | null; html: string; text: string; raw: string; note: string }
  | { action: 'delete'; commentId: string; remoteId: string | null; expected: CommentStatus }
  | { action: 'reply'; commentId: string; parentId: string; parentRemoteId: string | null; authorName: string; html: string; text: string; raw: string }

interface Target {
  siteId: string
  remoteId: string | null
  /** The item that puts the comment on the site first (an editor's reply not sent yet). */
  dependsOn: number | null
}

interface OpenItem {
  seq: number
  state: string
  payload: string
  conflict: string | null
}

/** What a decision touched, for events and the worker. */
export interface Touched {
  articleIds: Set<string>
  siteIds: Set<string>
  itemIds: string[]
}

export class Decisions {
  constructor(
    private readonly archive: Archive,
    private readonly store: CommentStore,
    private readonly publishing: Publishing,
    private readonly now: () => Date,
  ) {}

  /** Where a decision on the comment goes: every site holding it, or about to (an editor's reply on its way). */
  targets(commentId: string): Target[] {
    const mapped = this.store
      .sql('SELECT site_id, remote_id FROM remote_comments WHERE comment_id = ?')
      .all(commentId) as { site_id: string; remote_id: string }[]
    const targets: Target[] = mapped.map((m) => ({ siteId: m.site_id, remoteId: m.remote_id, dependsOn: null }))
    const coming = this.store
      .sql(`SELECT site_id, max(seq) AS seq FROM outbox WHERE comment_id = ? AND kind = 'comment.reply' AND state IN ('queued', 'sending', 'conflict', 'failed') GROUP BY site_id`)
      .all(commentId) as { site_id: string; seq: number }[]
    for (const c of coming) if (!targets.some((t) => t.siteId === c.site_id)) targets.push({ siteId: c.site_id, remoteId: null, dependsOn: c.seq })
    return targets
  }

  private open(commentId: string, siteId: string, action: string): OpenItem | undefined {
    return this.store
      .sql(
        `SELECT seq, state, payload, conflict FROM outbox WHERE comment_id = ? AND site_id = ? AND json_extract(payload, '$.action') = ?
         AND state IN ('queued', 'conflict') ORDER BY seq DESC LIMIT 1`,
      )
      .get(commentId, siteId, action) as OpenItem | undefined
  }

  private item(row: StoredComment, payload: CommentPayload, dependsOn: number | null): NewItem {
    return {
      kind: payload.action === 'reply' ? 'comment.reply' : 'comment.moderate',
      articleId: row.article_id,
      commentId: payload.commentId,
      title: `${row.author_name || '?'} · ${row.article_title}`.slice(0, 500),
      revisionId: null,
      remoteStatus: null,
      payload,
      dependsOn,
    }
  }

  /** Queues items (grouped per site, one statement each) and notes what they touch. */
  private enqueue(items: { siteId: string; item: NewItem }[], touched: Touched): void {
    const bySite = new Map<string, NewItem[]>()
    for (const { siteId, item } of items) bySite.set(siteId, [...(bySite.get(siteId) ?? []), item])
    for (const [siteId, list] of bySite) {
      for (const queued of this.publishing.outbox.enqueue(siteId, null, list)) touched.itemIds.push(queued.id)
      touched.siteIds.add(siteId)
    }
  }

  private touched(): Touched {
    return { articleIds: new Set(), siteIds: new Set(), itemIds: [] }
  }

  /**
   * Sets the status of comments here at once and queues it for their sites with the status the editor saw. A decision
   * not sent yet is changed in place (and dropped when it comes back to what the site has); one in conflict gives way
   * to the new one, which then expects the site's status (the editor has seen both).
   */
  moderate(ids: string[], status: CommentStatus): { changed: number; queued: number; touched: Touched } {
    const touched = this.touched()
    const at = this.now().toISOString()
    let changed = 0
    this.archive.transaction(() => {
      const rows = this.store
        .sql(`SELECT c.id, c.article_id, c.status, c.author_name, a.title AS article_title FROM comments c JOIN articles a ON a.id = c.article_id
              WHERE c.id IN (SELECT value FROM json_each(?)) AND c.deleted_at IS NULL AND c.status <> ?`)
        .all(JSON.stringify([...new Set(ids)]), status) as StoredComment[]
      const update = this.store.sql('UPDATE comments SET status = ?, updated_at = ? WHERE id = ?')
      const items: { siteId: string; item: NewItem }[] = []
      for (const row of rows) {
        update.run(status, at, row.id)
        changed++
        touched.articleIds.add(row.article_id)
        items.push(...this.statusItems(row, row.status, status, touched))
      }
      this.enqueue(items, touched)
    })
    return { changed, queued: touched.itemIds.length, touched }
  }

  private statusItems(row: StoredComment, from: CommentStatus, to: CommentStatus, touched: Touched): { siteId: string; item: NewItem }[] {
    const items: { siteId: string; item: NewItem }[] = []
    for (const target of this.targets(row.id)) {
      const open = this.open(row.id, target.siteId, 'status')
      let expected = from
      if (open?.state === 'queued') {
        const payload = JSON.parse(open.payload) as Extract<CommentPayload, { action: 'status' }>
        touched.siteIds.add(target.siteId)
        if (payload.expected === to) this.store.sql(`DELETE FROM outbox WHERE seq = ? AND state = 'queued'`).run(open.seq)
        else this.store.sql(`UPDATE outbox SET payload = ?, updated_at = ? WHERE seq = ? AND state = 'queued'`).run(JSON.stringify({ ...payload, status: to }), this.now().toISOString(), open.seq)
        continue
      }
      if (open?.state === 'conflict') {
        const theirs = open.conflict ? (JSON.parse(open.conflict) as { status?: CommentStatus } | null) : null
        if (theirs?.status) expected = theirs.status
        this.store.sql('DELETE FROM outbox WHERE seq = ?').run(open.seq)
        if (theirs?.status === to) {
          this.store.sql('UPDATE comments SET site_status = ? WHERE id = ?').run(to, row.id)
          continue
        }
      }
      items.push({ siteId: target.siteId, item: this.item(row, { action: 'status', commentId: row.id, remoteId: target.remoteId, status: to, expected }, target.dependsOn) })
    }
    return items
  }

  /** The editor's reply, approved; the comment it answers is approved with it (as WordPress does). */
  reply(parentId: string, raw: string, authorFor: (siteId: string | null) => string): { comment: Comment; touched: Touched } {
    const touched = this.touched()
    const at = this.now().toISOString()
    const clean = cleanHtml(rawToHtml(raw))
    if (!clean.text.trim()) throw new ApiError('invalid-input', 'The reply has no text left once its markup is cleaned.')
    const id = randomUUID()
    this.archive.transaction(() => {
      const parent = this.store.stored(parentId)
      if (parent.deleted_at) throw new ApiError('not-found', `The comment ${parentId} was deleted.`)
      const targets = this.targets(parentId)
      this.store
        .sql(
          `INSERT INTO comments (id, article_id, parent_id, author_name, author_email, status, posted_at, body, html, by_editor, updated_at)
           VALUES (?, ?, ?, ?, '', 'approved', ?, ?, ?, 1, ?)`,
        )
        .run(id, parent.article_id, parentId, authorFor(targets[0]?.siteId ?? null), at, clean.text, clean.html, at)
      touched.articleIds.add(parent.article_id)
      const items: { siteId: string; item: NewItem }[] = []
      if (parent.status !== 'approved') {
        this.store.sql('UPDATE comments SET status = ?, updated_at = ? WHERE id = ?').run('approved', at, parentId)
        items.push(...this.statusItems(parent, parent.status, 'approved', touched))
      }
      const reply = this.store.stored(id)
      for (const target of targets) {
        const payload: CommentPayload = { action: 'reply', commentId: id, parentId, parentRemoteId: target.remoteId, authorName: authorFor(target.siteId), html: clean.html, text: clean.text, raw: htmlToRaw(clean.html) }
        items.push({ siteId: target.siteId, item: this.item(reply, payload, target.dependsOn) })
      }
      this.enqueue(items, touched)
    })
    return { comment: this.store.get(id), touched }
  }

  /** New text with a note of why; the text before is kept. A reply still waiting to go out goes with the new text. */
  edit(id: string, raw: string, note: string): { comment: Comment; touched: Touched } {
    const touched = this.touched()
    const at = this.now().toISOString()
    const clean = cleanHtml(rawToHtml(raw))
    if (!clean.text.trim()) throw new ApiError('invalid-input', 'The new text is empty once its markup is cleaned.')
    this.archive.transaction(() => {
      const row = this.store.stored(id)
      if (row.deleted_at) throw new ApiError('not-found', `The comment ${id} was deleted.`)
      const before = this.store.get(id).html
      if (before === clean.html) return
      this.store.sql('INSERT INTO comment_edits (comment_id, at, before_html, after_html, note) VALUES (?, ?, ?, ?, ?)').run(id, at, before, clean.html, note)
      this.store.sql('UPDATE comments SET html = ?, body = ?, updated_at = ? WHERE id = ?').run(clean.html, clean.text, at, id)
      touched.articleIds.add(row.article_id)
      const items: { siteId: string; item: NewItem }[] = []
      const text = { html: clean.html, text: clean.text, raw: htmlToRaw(clean.html) }
      for (const target of this.targets(id)) {
        touched.siteIds.add(target.siteId)
        const reply = this.open(id, target.siteId, 'reply')
        const edit = this.open(id, target.siteId, 'edit')
        const waiting = reply?.state === 'queued' ? reply : edit?.state === 'queued' ? edit : undefined
        if (waiting) {
          const payload = { ...(JSON.parse(waiting.payload) as CommentPayload), ...text }
          this.store.sql(`UPDATE outbox SET payload = ?, updated_at = ? WHERE seq = ? AND state = 'queued'`).run(JSON.stringify(payload), at, waiting.seq)
          continue
        }
        items.push({ siteId: target.siteId, item: this.item(row, { action: 'edit', commentId: id, remoteId: target.remoteId, ...text, note }, target.dependsOn) })
      }
      this.enqueue(items, touched)
    })
    return { comment: this.store.get(id), touched }
  }

  /**
   * Deletes spam and trash for good. A comment only in Kopij goes at once (its replies move up to its parent, as on
   * WordPress); one on a site is hidden now and goes when the site has deleted it too.
   */
  delete(ids: string[]): { deleted: number; touched: Touched } {
    const touched = this.touched()
    const at = this.now().toISOString()
    let deleted = 0
    this.archive.transaction(() => {
      for (const id of new Set(ids)) {
        const row = this.store.find(id)
        if (!row || row.deleted_at) continue
        if (row.status !== 'spam' && row.status !== 'trash')
          throw new ApiError('invalid-input', 'Only comments in spam or trash can be deleted for good: move the comment there first.')
        touched.articleIds.add(row.article_id)
        deleted++
        const items: { siteId: string; item: NewItem }[] = []
        for (const target of this.targets(id)) {
          // A reply that never reached the site is simply not sent.
          if (target.remoteId === null) {
            this.store.sql(`DELETE FROM outbox WHERE comment_id = ? AND site_id = ? AND state IN ('queued', 'failed', 'conflict')`).run(id, target.siteId)
            touched.siteIds.add(target.siteId)
            continue
          }
          items.push({ siteId: target.siteId, item: this.item(row, { action: 'delete', commentId: id, remoteId: target.remoteId, expected: row.status }, target.dependsOn) })
        }
        if (items.length) {
          this.store.sql('UPDATE comments SET deleted_at = ?, updated_at = ? WHERE id = ?').run(at, at, id)
          this.enqueue(items, touched)
        } else removeComment(this.store, id)
      }
    })
    return { deleted, touched }
  }
}

/** Deletes a comment row; its replies move up to its parent first (the foreign key would delete them with it). */
export function removeComment(store: CommentStore, id: string): void {
  const parent = (store.sql('SELECT parent_id FROM comments WHERE id = ?').get(id) as { parent_id: string | null } | undefined)?.parent_id ?? null
  store.sql('UPDATE comments SET parent_id = ? WHERE parent_id = ?').run(parent, id)
  store.sql('DELETE FROM comments WHERE id = ?').run(id)
}
