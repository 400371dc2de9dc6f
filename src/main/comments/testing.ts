// Test helpers: a reference site with a published article and visitors' comments posted through its form.
import type { ReferenceSite } from '../../site/server'
import { articleFields, call, world, type World } from '../publishing/testing/fixtures'

export interface CommentWorld extends World {
  articleId: string
  slug: string
  idle(): Promise<void>
}

/** A reader leaves a comment on the site's page, as a browser would post the form. */
export async function postVisitorComment(site: ReferenceSite, slug: string, author: string, comment: string, email = ''): Promise<void> {
  const response = await fetch(`${site.url}/${slug}/comments`, { method: 'POST', body: new URLSearchParams({ author, email, comment }), redirect: 'manual' })
  if (response.status !== 303) throw new Error(`the site refused the comment: ${response.status}`)
}

/** An archive and a reference site with one article published to it (fast backoff for the outbox). */
export async function commentWorld(): Promise<CommentWorld> {
  const w = await world({ kopij: { outbox: { backoff: { baseMs: 20, maxMs: 200 } } } })
  const idle = () => w.kopij.publishing.service.worker.whenIdle()
  const articleId = w.kopij.archive.articles.insert(articleFields(1)).id
  await call(w.kopij, 'publish.start', { siteId: w.siteId, articleIds: [articleId] })
  await idle()
  return { ...w, articleId, slug: 'artikel-1', idle }
}

/** The site's own comments by author name. */
export const onSite = (site: ReferenceSite, author: string) => site.store.comments({ after: 0, limit: 1000 }).items.filter((c) => c.authorName === author)
