// Pre-flight: what keeps an article out of a publish batch (blocks) and what an editor should know first (warnings).
import type { Database } from 'better-sqlite3'
import type { Article } from '../../../shared/articles'
import { documentText } from '../../../shared/document'
import type { Finding, RemoteStatus } from '../../../shared/publishing'
import type { Published } from '../html/render'
import type { OutboxStore } from '../outbox/store'

export interface PreflightContext {
  db: Database
  outbox: OutboxStore
  siteId: string
  remoteStatus: RemoteStatus
  publishAt: string | undefined
  now: Date
}

export type PreflightCheck = (article: Article, rendered: Published, context: PreflightContext) => Finding[]

const block = (code: string, message: string, params?: Finding['params']): Finding => ({ severity: 'block', code, message, ...(params ? { params } : {}) })
const warn = (code: string, message: string, params?: Finding['params']): Finding => ({ severity: 'warning', code, message, ...(params ? { params } : {}) })

const fields: PreflightCheck = (article) => [
  ...(article.title.trim() ? [] : [block('missing-title', 'The article has no title.')]),
  ...(article.slug ? [] : [block('missing-slug', 'The article has no slug (its address on the site).')]),
  ...(documentText(article.doc).trim() ? [] : [block('empty-body', 'The article has no text.')]),
  ...(['ready', 'published', 'scheduled'].includes(article.status) ? [] : [warn('not-ready', `The article is marked ${article.status}, not ready.`, { status: article.status })]),
  ...(article.excerpt.trim() ? [] : [warn('no-excerpt', 'The article has no excerpt; the site will make one from its first words.')]),
  ...(article.categoryPath.length ? [] : [warn('no-category', 'The article has no category.')]),
]

const unsafe: PreflightCheck = (_article, rendered) =>
  rendered.removed.length
    ? [block('unsafe-content', `Sanitizing removed ${rendered.removed.join(', ')}: Kopij does not publish what it cannot vouch for.`, { removed: rendered.removed.join(', ') })]
    : []

const queue: PreflightCheck = (article, _rendered, context) => {
  const pending = context.outbox.pending(context.siteId, article.id)
  if (pending.some((row) => row.state === 'conflict'))
    return [block('conflict-pending', 'The article is in conflict with the site: resolve that first.')]
  if (pending.length) return [block('already-queued', 'The article is already on its way to this site.')]
  return []
}

const schedule: PreflightCheck = (_article, _rendered, context) => {
  if (context.remoteStatus !== 'future') return []
  if (!context.publishAt) return [block('publish-at-missing', 'A scheduled publication needs a date and time.')]
  if (Date.parse(context.publishAt) <= context.now.getTime())
    return [warn('publish-at-past', 'The chosen time has passed: the article is published at once.', { publishAt: context.publishAt })]
  return []
}

/** Citations of sources the archive does not have (the citations renderer marks them missing). */
const citations: PreflightCheck = (_article, rendered) => {
  const missing = rendered.unresolvedCitations
  return missing.length
    ? [block('unresolved-citation', `Citations point to sources the archive does not have: ${missing.join(', ')}.`, { sources: missing.join(', '), count: missing.length })]
    : []
}

/**
 * Every check, in order. Other capabilities add theirs here (the quotes issue: untranslated segments) so one
 * pre-flight covers the whole article.
 */
export const preflightChecks: PreflightCheck[] = [fields, unsafe, queue, schedule, citations]

export function checkArticle(article: Article, rendered: Published, context: PreflightContext): Finding[] {
  return preflightChecks.flatMap((check) => check(article, rendered, context))
}
