// Conflicts: an article edited on the site since Kopij last saw it. Keep mine, take the site's, or look at both.
import type { Conflict, ConflictVersion } from '../../shared/publishing'
import { ApiError } from '../../shared/errors'
import { sanitizeHtml } from './html/render'
import { htmlToDoc, loadHtmlParser } from './import/html-to-doc'
import { toItem, type OutboxRow } from './outbox/store'
import type { ArticlePayload, RemoteVersion } from './sites/adapter'
import type { Publishing } from './service'

function conflictRow(p: Publishing, itemId: string): OutboxRow {
  const row = p.outbox.row(itemId)
  if (row.state !== 'conflict') throw new ApiError('invalid-input', 'This outbox item is not in conflict.')
  return row
}

/** The site's version now, or the one recorded with the conflict when the site cannot be asked. */
async function theirsNow(p: Publishing, row: OutboxRow): Promise<RemoteVersion | null> {
  const known = p.outbox.remote(row.site_id, row.article_id)
  if (!known) return null
  try {
    return await p.adapterFor(row.site_id).fetch(known)
  } catch {
    return row.conflict ? (JSON.parse(row.conflict) as RemoteVersion | null) : null
  }
}

const shown = (v: RemoteVersion): ConflictVersion => ({
  title: v.title,
  excerpt: v.excerpt,
  html: sanitizeHtml(v.html).html,
  slug: v.slug,
  modifiedAt: v.modifiedAt,
  status: v.status,
})

const isComment = (row: OutboxRow) => row.kind === 'comment.moderate' || row.kind === 'comment.reply'

export async function readConflict(p: Publishing, itemId: string): Promise<Conflict> {
  const row = conflictRow(p, itemId)
  if (isComment(row) && p.commentConflicts) return p.commentConflicts.read(row)
  const mine = JSON.parse(row.payload) as ArticlePayload
  const theirs = await theirsNow(p, row)
  return {
    item: toItem(row),
    mine: { title: mine.title, excerpt: mine.excerpt, html: mine.html, slug: mine.slug, modifiedAt: null, status: mine.remoteStatus },
    theirs: theirs ? shown(theirs) : null,
  }
}

export async function resolveConflict(p: Publishing, itemId: string, choice: 'keep-mine' | 'take-theirs') {
  const row = conflictRow(p, itemId)
  if (isComment(row) && p.commentConflicts) {
    p.commentConflicts.resolve(row, choice)
    return { item: p.outbox.item(itemId), articleRevisionId: null }
  }
  const theirs = await theirsNow(p, row)
  const known = p.outbox.remote(row.site_id, row.article_id)
  let articleRevisionId: number | null = null
  if (choice === 'keep-mine') {
    p.archive.transaction(() => {
      // Mine goes over the version just seen; a post deleted on the site is made again.
      if (!theirs || !known) p.db.prepare('DELETE FROM remote_articles WHERE site_id = ? AND article_id = ?').run(row.site_id, row.article_id)
      else p.outbox.setRemote(row.site_id, row.article_id, { ...known, remoteModified: theirs.precondition.remoteModified, etag: theirs.precondition.etag }, null)
      p.db.prepare(`UPDATE outbox SET state = 'queued', error = NULL, conflict = NULL, next_attempt_at = ?, failures = 0, outcome_unknown = 0, updated_at = ? WHERE seq = ?`)
        .run(new Date(p.clock.now()).toISOString(), new Date(p.clock.now()).toISOString(), row.seq)
    })
    p.worker.poke()
  } else {
    if (!theirs || !known) throw new ApiError('invalid-input', 'The post is gone from the site: there is no version there to take. Keep yours to publish it again.')
    await loadHtmlParser()
    const article = p.archive.articles.get(row.article_id)
    const saved = p.archive.articles.save({
      ...article,
      baseRevisionId: article.revisionId,
      title: theirs.title || article.title,
      excerpt: theirs.excerpt.replace(/<[^>]*>/g, '').trim(),
      doc: htmlToDoc(theirs.html),
    })
    articleRevisionId = saved.article.revisionId
    p.events.emit('article.saved', { articleId: saved.article.id, revisionId: saved.article.revisionId, savedAt: saved.article.updatedAt })
    p.archive.transaction(() => {
      p.outbox.setRemote(row.site_id, row.article_id, { ...known, remoteModified: theirs.precondition.remoteModified, etag: theirs.precondition.etag }, saved.article.revisionId)
      const at = new Date(p.clock.now()).toISOString()
      p.db.prepare(`UPDATE outbox SET state = 'done', error = NULL, conflict = NULL, remote_id = ?, remote_url = ?, updated_at = ?, done_at = ? WHERE seq = ?`)
        .run(known.remoteId, known.remoteUrl, at, at, row.seq)
    })
  }
  p.announce({ siteIds: new Set([row.site_id]), batchIds: new Set(row.batch_id ? [row.batch_id] : []), itemIds: new Set([row.id]) })
  return { item: p.outbox.item(itemId), articleRevisionId }
}
