// The publishing calls of the contract: sites, preview, pre-flight, batches, the outbox list and conflicts.
import type { Handlers } from '../../shared/api'
import { ApiError } from '../../shared/errors'
import type { Finding, PreflightResult, RemoteStatus } from '../../shared/publishing'
import { resolveConflict, readConflict } from './conflicts'
import { previewPage } from './html/render'
import { checkArticle } from './preflight'
import type { NewItem } from './outbox/store'
import type { Publishing } from './service'
import { checkSiteUrl } from './sites/url'

export type PublishingCalls = Pick<
  Handlers,
  | 'sites.list' | 'sites.save' | 'sites.remove' | 'sites.test' | 'publishing.preview' | 'publishing.preflight'
  | 'publish.start' | 'publish.unpublish' | 'publish.cancel' | 'publish.retry' | 'publish.batch' | 'publish.batches'
  | 'outbox.list' | 'conflicts.get' | 'conflicts.resolve'
>

interface Checked {
  result: PreflightResult
  /** Publishable articles with what the site will receive. */
  ready: NewItem[]
}

/** Pre-flight over the chosen articles, rendering each once (the batch sends exactly what was checked). */
export function preflight(p: Publishing, input: { siteId: string; articleIds: string[]; remoteStatus: RemoteStatus; publishAt?: string }): Checked {
  const site = p.sites.get(input.siteId)
  const siteFindings: Finding[] = []
  if (site.problem) siteFindings.push({ severity: 'block', code: 'site-problem', message: site.problem.message, params: { problem: site.problem.code } })
  else if (p.options.credentials.get(site.id) === undefined)
    siteFindings.push({ severity: 'block', code: 'site-problem', message: 'No password or token is kept for this site.', params: { problem: 'no-secret' } })
  const now = new Date(p.clock.now())
  const items: PreflightResult['items'] = []
  const ready: NewItem[] = []
  for (const articleId of [...new Set(input.articleIds)]) {
    const article = p.archive.articles.get(articleId)
    const rendered = p.rendered(article)
    const findings = checkArticle(article, rendered, { db: p.db, outbox: p.outbox, siteId: site.id, remoteStatus: input.remoteStatus, publishAt: input.publishAt, now })
    const blocked = siteFindings.length > 0 || findings.some((f) => f.severity === 'block')
    items.push({ articleId, title: article.title, update: p.outbox.remote(site.id, articleId) !== null, findings, blocked })
    if (!blocked)
      ready.push({
        kind: 'article.publish',
        articleId,
        title: article.title,
        revisionId: article.revisionId,
        remoteStatus: input.remoteStatus,
        payload: p.payload(article, rendered, input.remoteStatus, input.publishAt),
      })
  }
  const blocked = items.filter((i) => i.blocked).length
  return { result: { items, siteFindings, publishable: items.length - blocked, blocked }, ready }
}

export function publishingHandlers(p: Publishing): PublishingCalls {
  const changedSite = (siteId: string) => p.events.emit('sites.changed', { siteId })
  return {
    'sites.list': () => p.sites.list().map((s) => p.toSite(s)),
    'sites.save': ({ id, site }) => {
      const before = id ? p.sites.get(id) : undefined
      const saved = p.archive.transaction(() => p.sites.save(id, site))
      p.forgetAdapter(saved.id)
      if (site.secret !== undefined) {
        try {
          p.options.credentials.set(saved.id, site.secret)
          p.forgetAdapter(saved.id)
        } catch (error) {
          throw new ApiError('internal', `The site was saved, but its password was not: ${(error as Error).message}`)
        }
      }
      // Saving new details is the editor's answer to the site's problem: what waited for it is sent again.
      if (before?.problem && !saved.problem) p.siteFixed(saved.id)
      changedSite(saved.id)
      return p.toSite(saved)
    },
    'sites.remove': ({ id }) => {
      p.sites.get(id)
      if (p.outbox.hasPending(id)) throw new ApiError('conflict', 'The site still has items queued or being sent: wait for them, or cancel them, first.')
      p.archive.transaction(() => p.sites.remove(id))
      p.forgetAdapter(id)
      p.options.credentials.delete(id)
      changedSite(id)
      return {}
    },
    'sites.test': (input) => {
      if ('id' in input) return p.testSite(input.id)
      const draft = input.draft
      try {
        checkSiteUrl(draft.baseUrl)
      } catch (error) {
        return { ok: false, code: 'insecure-url', message: (error as Error).message }
      }
      const adapter = p.makeAdapter({ ...draft, baseUrl: checkSiteUrl(draft.baseUrl) }, draft.secret)
      return adapter.test()
    },
    'publishing.preview': ({ articleId }) => {
      const article = p.archive.articles.get(articleId)
      const rendered = p.rendered(article)
      return {
        articleId,
        title: article.title,
        excerpt: article.excerpt,
        language: article.language,
        html: rendered.html,
        page: previewPage(article, rendered.html),
        removed: rendered.removed,
      }
    },
    'publishing.preflight': (input) => preflight(p, input).result,
    'publish.start': (input) => {
      const { result, ready } = preflight(p, input)
      const leftOut = result.items.filter((i) => i.blocked)
      if (!ready.length) return { batch: null, items: [], leftOut }
      const { batchId, items } = p.archive.transaction(() => {
        const batchId = p.outbox.createBatch(input.siteId, 'publish')
        return { batchId, items: p.outbox.enqueue(input.siteId, batchId, ready) }
      })
      p.announce({ siteIds: new Set([input.siteId]), batchIds: new Set([batchId]), itemIds: new Set(items.map((i) => i.id)) })
      p.worker.poke()
      return { batch: p.outbox.batch(batchId), items, leftOut }
    },
    'publish.unpublish': ({ siteId, articleIds }) => {
      p.sites.get(siteId)
      const articles = [...new Set(articleIds)].map((id) => p.archive.articles.get(id))
      const never = articles.filter((a) => !p.outbox.remote(siteId, a.id))
      if (never.length)
        throw new ApiError('invalid-input', `Never published to this site, so nothing to unpublish: ${never.map((a) => a.title || a.id).join(', ')}.`)
      const { batchId, items } = p.archive.transaction(() => {
        const batchId = p.outbox.createBatch(siteId, 'unpublish')
        const items = p.outbox.enqueue(
          siteId,
          batchId,
          articles.map((a) => ({ kind: 'article.unpublish' as const, articleId: a.id, title: a.title, revisionId: null, remoteStatus: null, payload: {} })),
        )
        return { batchId, items }
      })
      p.announce({ siteIds: new Set([siteId]), batchIds: new Set([batchId]), itemIds: new Set(items.map((i) => i.id)) })
      p.worker.poke()
      return { batch: p.outbox.batch(batchId), items }
    },
    'publish.cancel': ({ batchId }) => {
      const batch = p.outbox.batch(batchId)
      p.worker.release((row) => row.batch_id === batchId)
      const ids = p.archive.transaction(() => p.outbox.cancelBatch(batchId))
      p.announce({ siteIds: new Set([batch.siteId]), batchIds: new Set([batchId]), itemIds: new Set(ids) })
      return p.outbox.batch(batchId)
    },
    'publish.retry': (input) => {
      const ids = p.archive.transaction(() => p.outbox.requeue('batchId' in input ? { batchId: input.batchId } : { itemIds: input.itemIds }))
      if (ids.length) {
        const siteIds = new Set(ids.map((id) => p.outbox.row(id).site_id))
        p.announce({ siteIds, batchIds: new Set(), itemIds: new Set(ids) }, true)
        p.worker.poke()
      }
      return { requeued: ids.length }
    },
    'publish.batch': ({ batchId }) => p.outbox.batch(batchId),
    'publish.batches': ({ siteId, limit }) => p.outbox.batches(siteId, limit),
    'outbox.list': (input) => p.outbox.list(input),
    'conflicts.get': ({ itemId }) => readConflict(p, itemId),
    'conflicts.resolve': ({ itemId, choice }) => resolveConflict(p, itemId, choice),
  }
}
