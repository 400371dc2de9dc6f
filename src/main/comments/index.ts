// Reader comments: sync from sites, the moderation queue, decisions and replies through the outbox, conflicts, hints.
import type { Handlers } from '../../shared/api'
import type { CommentDetail, CommentVersion } from '../../shared/comments'
import type { Archive } from '../archive'
import type { EventBus } from '../events'
import type { Publishing } from '../publishing'
import { toItem } from '../publishing/outbox/store'
import { HttpClient } from '../publishing/sites/http'
import { resolveConflict, conflictOf } from './conflicts'
import { Decisions, type Touched } from './decisions'
import { createSender } from './sender'
import type { CommentSite } from './sites/adapter'
import { KopijApiComments } from './sites/kopij-api'
import { WordPressComments } from './sites/wordpress'
import { CommentStore } from './store'
import { CommentSync } from './sync'

export type CommentCalls = Pick<
  Handlers,
  | 'comments.forArticle' | 'comments.list' | 'comments.ids' | 'comments.get' | 'comments.moderate' | 'comments.reply'
  | 'comments.edit' | 'comments.delete' | 'comments.email' | 'comments.sync' | 'comments.resolve' | 'comments.counts'
>

export interface CommentsCapability {
  store: CommentStore
  decisions: Decisions
  sync: CommentSync
  handlers: CommentCalls
  close(): void
}

/** The author name of an editor's reply as Kopij shows it until the site says its own. */
export const editorName = 'Redactie'

const webAddress = (url: string | null) => (url && /^https?:\/\//i.test(url) ? url : null)

export function createComments(archive: Archive, events: EventBus, publishing: Publishing, options: { report?: (error: unknown) => void } = {}): CommentsCapability {
  const store = new CommentStore(archive.db)
  const now = () => new Date(publishing.clock.now())
  const http = new HttpClient(8)
  const sites = new Map<string, CommentSite>()
  const siteFor = (siteId: string): CommentSite => {
    const known = sites.get(siteId)
    if (known) return known
    const site = publishing.sites.get(siteId)
    const secret = publishing.options.credentials.get(siteId)
    const made =
      site.kind === 'kopij-api'
        ? new KopijApiComments(site.baseUrl, secret, http, () => publishing.clock.now(), publishing.options.timeoutMs)
        : new WordPressComments(site.baseUrl, site.username, secret, http, () => publishing.clock.now(), publishing.options.timeoutMs)
    sites.set(siteId, made)
    return made
  }
  const decisions = new Decisions(archive, store, publishing, now)
  const sync = new CommentSync({
    archive,
    store,
    siteFor,
    siteName: (siteId) => publishing.sites.get(siteId).name,
    siteKind: (siteId) => publishing.sites.get(siteId).kind,
    now,
  })
  publishing.worker.commentSender = createSender({ store, siteFor, report: (error) => options.report?.(error) })

  const changed = (articleIds: Iterable<string>) => events.emit('comments.changed', { articleIds: [...new Set(articleIds)].slice(0, 1000), counts: store.counts() })
  /** After a decision: the queue re-reads, the outbox view hears of its items, the worker looks for them. */
  const decided = (touched: Touched) => {
    changed(touched.articleIds)
    if (touched.siteIds.size) {
      publishing.announce({ siteIds: touched.siteIds, batchIds: new Set(), itemIds: new Set(touched.itemIds) })
      publishing.worker.poke()
    }
  }
  const unsubscribe = events.subscribe((name, payload) => {
    if (name === 'sites.changed') sites.delete((payload as { siteId: string }).siteId)
    if (name !== 'outbox.changed') return
    const ids = (payload as { itemIds: string[] }).itemIds
    if (!ids.length) return
    const articles = store.sql(`SELECT DISTINCT article_id FROM outbox WHERE id IN (SELECT value FROM json_each(?)) AND comment_id IS NOT NULL`).pluck().all(JSON.stringify(ids)) as string[]
    if (articles.length) changed(articles)
  })
  const authorFor = (siteId: string | null) => {
    if (!siteId) return editorName
    const site = publishing.sites.get(siteId)
    return site.kind === 'wordpress' && site.username ? site.username : editorName
  }

  // The outbox view settles a comment's conflict through the publishing calls: the same two sides, in its words.
  publishing.commentConflicts = {
    read: (row) => {
      const comment = row.comment_id ? store.find(row.comment_id) : undefined
      const shown = comment ? store.toComment(comment) : null
      const payload = JSON.parse(row.payload) as { action: string; status?: string }
      const theirs = row.conflict ? (JSON.parse(row.conflict) as CommentVersion | null) : null
      const title = comment?.author_name ?? row.title
      return {
        item: toItem(row),
        mine: { title, excerpt: '', html: shown?.html ?? '', slug: '', modifiedAt: null, status: payload.status ?? shown?.status ?? null },
        theirs: theirs ? { title, excerpt: '', html: theirs.html, slug: '', modifiedAt: theirs.modifiedAt, status: theirs.status } : null,
      }
    },
    resolve: (row, choice) => {
      if (row.comment_id) decided(resolveConflict(store, archive, publishing, row.comment_id, choice))
    },
  }

  const detail = (id: string): CommentDetail => {
    const comment = store.get(id)
    const mapped = store
      .sql('SELECT r.site_id, s.name, r.remote_url FROM remote_comments r JOIN sites s ON s.id = r.site_id WHERE r.comment_id = ? ORDER BY s.name')
      .all(id) as { site_id: string; name: string; remote_url: string | null }[]
    return {
      comment,
      parent: comment.parentId && store.find(comment.parentId) ? store.get(comment.parentId) : null,
      replies: store.replies(id),
      edits: (store.sql('SELECT at, before_html, after_html, note FROM comment_edits WHERE comment_id = ? ORDER BY id').all(id) as { at: string; before_html: string; after_html: string; note: string }[]).map(
        (e) => ({ at: e.at, beforeHtml: e.before_html, afterHtml: e.after_html, note: e.note }),
      ),
      sites: mapped.map((m) => ({ siteId: m.site_id, siteName: m.name, url: webAddress(m.remote_url) })),
      conflict: conflictOf(store, comment),
    }
  }

  const handlers: CommentCalls = {
    'comments.forArticle': ({ articleId }) => {
      archive.articles.get(articleId)
      return store.thread(articleId)
    },
    'comments.list': ({ offset, limit, ...filter }) => store.list(filter, offset, limit),
    'comments.ids': (filter) => store.ids(filter, 10_000),
    'comments.get': ({ id }) => detail(id),
    'comments.moderate': ({ ids, status }) => {
      const { changed: count, queued, touched } = decisions.moderate(ids, status)
      decided(touched)
      return { changed: count, queued }
    },
    'comments.reply': ({ parentId, text }) => {
      const { comment, touched } = decisions.reply(parentId, text, authorFor)
      decided(touched)
      return comment
    },
    'comments.edit': ({ id, text, note }) => {
      const { comment, touched } = decisions.edit(id, text, note)
      decided(touched)
      return comment
    },
    'comments.delete': ({ ids }) => {
      const { deleted, touched } = decisions.delete(ids)
      decided(touched)
      return { deleted }
    },
    'comments.email': ({ id }) => ({ email: store.email(id) }),
    'comments.sync': async ({ siteId }) => {
      const ids = siteId ? [publishing.sites.get(siteId).id] : publishing.sites.list().map((s) => s.id)
      const results = []
      for (const id of ids) {
        const { articleIds, ...result } = (await sync.sync(id)) as Awaited<ReturnType<CommentSync['sync']>> & { articleIds?: Set<string> }
        results.push(result)
        if (articleIds?.size) changed(articleIds)
      }
      return { sites: results }
    },
    'comments.resolve': async ({ id, choice }) => {
      const touched = resolveConflict(store, archive, publishing, id, choice)
      decided(touched)
      return store.find(id) ? store.get(id) : null
    },
    'comments.counts': () => store.counts(),
  }

  return {
    store,
    decisions,
    sync,
    handlers,
    close: () => {
      unsubscribe()
      publishing.worker.commentSender = undefined
      publishing.commentConflicts = undefined
      http.close()
    },
  }
}

