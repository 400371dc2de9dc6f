// The outbox worker's hand for comment items: sends a decision, a reply, an edit or a deletion, and says what it came to.
import type { CommentStatus, CommentVersion } from '../../shared/comments'
import { SendError, type SendContext } from '../publishing/sites/adapter'
import type { OutboxRow, Outcome } from '../publishing/outbox/store'
import { removeComment, type CommentPayload } from './decisions'
import { cleanHtml, cleanPlain } from './sanitize'
import type { CommentSite, RemoteComment } from './sites/adapter'
import type { CommentStore } from './store'

export interface SenderDeps {
  store: CommentStore
  siteFor(siteId: string): CommentSite
  /** Something went wrong in the bookkeeping after the site did what was asked (the item still counts as done). */
  report(error: unknown): void
}

/** The site's comment as a conflict shows it: sanitized like anything from outside. */
export function versionOf(comment: RemoteComment | null): CommentVersion | null {
  if (!comment) return null
  const clean = comment.format === 'html' ? cleanHtml(comment.body) : cleanPlain(comment.body)
  return { status: comment.status, html: clean.html, modifiedAt: comment.modifiedAt }
}

export function createSender(deps: SenderDeps): (row: OutboxRow, context: SendContext) => Promise<Outcome> {
  const { store } = deps
  const remoteIdOf = (siteId: string, commentId: string): string | null =>
    (store.sql('SELECT remote_id FROM remote_comments WHERE site_id = ? AND comment_id = ?').get(siteId, commentId) as { remote_id: string } | undefined)?.remote_id ?? null
  const articleRemoteId = (siteId: string, articleId: string): string =>
    (store.sql('SELECT remote_id FROM remote_articles WHERE site_id = ? AND article_id = ?').get(siteId, articleId) as { remote_id: string } | undefined)?.remote_id ?? articleId

  /** The bookkeeping of a done item, run in the worker's transaction; a failure there must not undo what the site did. */
  const safely = (work: () => void) => () => {
    try {
      work()
    } catch (error) {
      deps.report(error)
    }
  }
  const seen = (row: OutboxRow, commentId: string, remote: RemoteComment, status: CommentStatus) => {
    store.sql('UPDATE comments SET site_status = ? WHERE id = ?').run(status, commentId)
    store
      .sql('UPDATE remote_comments SET remote_status = ?, remote_modified = coalesce(?, remote_modified), remote_url = coalesce(?, remote_url) WHERE site_id = ? AND comment_id = ?')
      .run(status, remote.modifiedAt, remote.url, row.site_id, commentId)
  }
  const done = (remote: RemoteComment, apply: () => void): Outcome => ({
    kind: 'done',
    remote: { remoteId: remote.remoteId, remoteUrl: remote.url, remoteModified: remote.modifiedAt, etag: null, remoteStatus: remote.status },
    revisionId: null,
    apply: safely(apply),
  })

  return async (row, context) => {
    const payload = JSON.parse(row.payload) as CommentPayload
    const site = deps.siteFor(row.site_id)
    const remoteId = payload.action === 'reply' ? null : (payload.remoteId ?? remoteIdOf(row.site_id, payload.commentId))
    if (payload.action !== 'reply' && !remoteId) throw new SendError('not-found', 'The comment never reached the site, so there is nothing to change there.', 'never')

    if (payload.action === 'status') {
      const result = await site.moderate(remoteId!, payload.status, payload.expected, context)
      if (result.kind === 'conflict') {
        const theirs = versionOf(result.theirs)
        const message = theirs
          ? `The comment is ${theirs.status} on the site, not ${payload.expected} as when it was moderated here.`
          : 'The comment is no longer on the site.'
        return { kind: 'conflict', error: { code: 'conflict', message, willRetry: false }, theirs }
      }
      return done(result.comment, () => seen(row, payload.commentId, result.comment, result.comment.status))
    }
    if (payload.action === 'reply') {
      const parentRemoteId = payload.parentRemoteId ?? remoteIdOf(row.site_id, payload.parentId)
      if (!parentRemoteId) throw new SendError('not-found', 'The comment this reply answers is not on the site.', 'never')
      const posted = await site.reply(
        { commentId: payload.commentId, articleRemoteId: articleRemoteId(row.site_id, row.article_id), parentRemoteId, authorName: payload.authorName, html: payload.html, text: payload.text, raw: payload.raw },
        context,
      )
      return done(posted, () => {
        store
          .sql(
            `INSERT INTO remote_comments (site_id, comment_id, remote_id, remote_status, remote_modified, remote_url) VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (site_id, comment_id) DO UPDATE SET remote_id = excluded.remote_id, remote_status = excluded.remote_status, remote_url = excluded.remote_url`,
          )
          .run(row.site_id, payload.commentId, posted.remoteId, posted.status, posted.modifiedAt, posted.url)
        store.sql('UPDATE comments SET site_status = ?, author_name = CASE WHEN ? <> \'\' THEN ? ELSE author_name END WHERE id = ?').run(posted.status, posted.authorName, posted.authorName, payload.commentId)
      })
    }
    if (payload.action === 'edit') {
      const edited = await site.edit(remoteId!, { html: payload.html, text: payload.text, raw: payload.raw }, context)
      const record = edited ?? { remoteId: remoteId!, url: null, modifiedAt: null, status: 'approved' as const }
      return done(record as RemoteComment, () => {
        if (edited) seen(row, payload.commentId, edited, edited.status)
      })
    }
    await site.remove(remoteId!, context)
    return done({ remoteId: remoteId!, url: null, modifiedAt: null, status: payload.expected } as RemoteComment, () => {
      store.sql('DELETE FROM remote_comments WHERE site_id = ? AND comment_id = ?').run(row.site_id, payload.commentId)
      const left = store.sql('SELECT 1 FROM remote_comments WHERE comment_id = ? LIMIT 1').get(payload.commentId)
      const hidden = store.sql('SELECT 1 FROM comments WHERE id = ? AND deleted_at IS NOT NULL').get(payload.commentId)
      if (!left && hidden) removeComment(store, payload.commentId)
    })
  }
}
