// A decision the site refused because it had another status than the editor saw: both shown, then keep mine or take theirs.
import type { Comment, CommentDetail, CommentStatus, CommentVersion } from '../../shared/comments'
import { ApiError } from '../../shared/errors'
import type { Archive } from '../archive'
import type { Publishing } from '../publishing'
import { removeComment, type CommentPayload, type Touched } from './decisions'
import { htmlToText } from './sanitize'
import type { CommentStore } from './store'

interface ConflictRow {
  seq: number
  id: string
  site_id: string
  article_id: string
  payload: string
  conflict: string | null
}

export function conflictRow(store: CommentStore, commentId: string): ConflictRow | undefined {
  return store.sql(`SELECT seq, id, site_id, article_id, payload, conflict FROM outbox WHERE comment_id = ? AND state = 'conflict' ORDER BY seq DESC LIMIT 1`).get(commentId) as
    | ConflictRow
    | undefined
}

export const theirsOf = (row: ConflictRow): CommentVersion | null => (row.conflict ? (JSON.parse(row.conflict) as CommentVersion | null) : null)

/** Both sides of the comment's conflict, or null when its latest decision is not in conflict. */
export function conflictOf(store: CommentStore, comment: Comment): CommentDetail['conflict'] {
  if (comment.delivery?.state !== 'conflict') return null
  const row = conflictRow(store, comment.id)
  if (!row) return null
  const payload = JSON.parse(row.payload) as CommentPayload
  const status: CommentStatus = payload.action === 'status' ? payload.status : comment.status
  return { mine: { status, html: comment.html }, theirs: theirsOf(row) }
}

/**
 * keep-mine: the decision goes again, now expecting the status the site has (the editor has seen it). take-theirs:
 * the site's status (and text) become Kopij's, and the decision is dropped; a comment gone from the site goes here too.
 */
export function resolveConflict(store: CommentStore, archive: Archive, publishing: Publishing, commentId: string, choice: 'keep-mine' | 'take-theirs'): Touched {
  const row = conflictRow(store, commentId)
  if (!row) throw new ApiError('invalid-input', 'This comment has no decision in conflict with the site.')
  const theirs = theirsOf(row)
  const at = new Date(publishing.clock.now()).toISOString()
  const touched: Touched = { articleIds: new Set([row.article_id]), siteIds: new Set([row.site_id]), itemIds: [row.id] }
  archive.transaction(() => {
    if (choice === 'keep-mine') {
      if (!theirs) throw new ApiError('invalid-input', 'The comment is no longer on the site, so there is nothing to send the decision to. Take the site\'s side to let it go.')
      const payload = JSON.parse(row.payload) as CommentPayload
      const next = payload.action === 'status' || payload.action === 'delete' ? { ...payload, expected: theirs.status } : payload
      store
        .sql(`UPDATE outbox SET state = 'queued', payload = ?, error = NULL, conflict = NULL, next_attempt_at = ?, failures = 0, outcome_unknown = 0, updated_at = ? WHERE seq = ?`)
        .run(JSON.stringify(next), at, at, row.seq)
      store.sql('UPDATE comments SET site_status = ? WHERE id = ?').run(theirs.status, commentId)
      return
    }
    // Settled: the site and Kopij agree again, as after "take the site's version" of an article.
    store.sql(`UPDATE outbox SET state = 'done', error = NULL, conflict = NULL, updated_at = ?, done_at = ? WHERE seq = ?`).run(at, at, row.seq)
    if (!theirs) {
      store.sql('DELETE FROM remote_comments WHERE site_id = ? AND comment_id = ?').run(row.site_id, commentId)
      if (!store.sql('SELECT 1 FROM remote_comments WHERE comment_id = ?').get(commentId)) removeComment(store, commentId)
      return
    }
    store.sql('UPDATE comments SET status = ?, site_status = ?, html = ?, body = ?, updated_at = ? WHERE id = ?').run(theirs.status, theirs.status, theirs.html, htmlToText(theirs.html), at, commentId)
  })
  if (choice === 'keep-mine') publishing.worker.poke()
  return touched
}
