// Pulling an existing WordPress site over REST: categories and tags, then posts, then comments, page by page.
import type { WordPressSite } from '../sites/wordpress'
import { decodeEntities } from '../sites/wordpress'
import { commentStatus, wpDate, type ImportedComment, type ImportedPost } from './writer'

export interface PullCursor {
  phase: 'terms' | 'posts' | 'comments' | 'done'
  page: number
  /** Comment statuses still to read, the first being read now. */
  statuses: string[]
}

export const startCursor = (): PullCursor => ({ phase: 'terms', page: 1, statuses: ['approve', 'hold', 'spam'] })

interface WpTerm {
  id: number
  name: string
  parent?: number
}

interface WpPostFull {
  id: number
  slug: string
  status: string
  link: string
  modified_gmt: string
  title: { raw?: string; rendered: string }
  content: { raw?: string; rendered: string }
  excerpt: { raw?: string; rendered: string }
  categories?: number[]
  tags?: number[]
}

interface WpComment {
  id: number
  post: number
  parent: number
  author_name: string
  author_email?: string
  date_gmt: string
  content: { raw?: string; rendered: string }
  status: string
}

export interface Terms {
  categories: Map<number, WpTerm>
  tags: Map<number, string>
}

async function all<T>(site: WordPressSite, path: string, signal: AbortSignal): Promise<T[]> {
  const out: T[] = []
  for (let page = 1; page < 1000; page++) {
    const { items, pages } = await site.page<T>(`${path}${path.includes('?') ? '&' : '?'}per_page=100&page=${page}`, signal)
    out.push(...items)
    if (!items.length || (pages !== null && page >= pages)) break
  }
  return out
}

export async function readTerms(site: WordPressSite, signal: AbortSignal): Promise<Terms> {
  const categories = await all<WpTerm>(site, '/categories?context=edit', signal)
  const tags = await all<WpTerm>(site, '/tags?context=edit', signal)
  return { categories: new Map(categories.map((c) => [c.id, c])), tags: new Map(tags.map((t) => [t.id, decodeEntities(t.name)])) }
}

function categoryPath(terms: Terms, id: number): string[] {
  const names: string[] = []
  const seen = new Set<number>()
  for (let at: number | undefined = id; at && !seen.has(at) && names.length < 10; at = terms.categories.get(at)?.parent) {
    seen.add(at)
    const term = terms.categories.get(at)
    if (!term) break
    names.unshift(decodeEntities(term.name))
  }
  return names
}

export async function readPosts(site: WordPressSite, terms: Terms, page: number, signal: AbortSignal): Promise<{ posts: ImportedPost[]; total: number | null; last: boolean }> {
  const { items, total, pages } = await site.page<WpPostFull>(`/posts?context=edit&status=any&orderby=id&order=asc&per_page=100&page=${page}`, signal)
  const posts = items.map(
    (p): ImportedPost => ({
      remoteId: String(p.id),
      title: p.title.raw ?? p.title.rendered,
      html: p.content.raw ?? p.content.rendered,
      excerptHtml: p.excerpt.raw ?? '',
      slug: p.slug,
      status: p.status,
      modifiedGmt: p.modified_gmt ?? null,
      link: p.link ?? null,
      categoryPaths: (p.categories ?? []).map((id) => categoryPath(terms, id)).filter((path) => path.length),
      tags: (p.tags ?? []).map((id) => terms.tags.get(id)).filter((t): t is string => Boolean(t)),
    }),
  )
  return { posts, total, last: !items.length || (pages !== null && page >= pages) }
}

export async function readComments(site: WordPressSite, status: string, page: number, signal: AbortSignal): Promise<{ comments: ImportedComment[]; last: boolean }> {
  const { items, pages } = await site.page<WpComment>(`/comments?context=edit&status=${status}&orderby=id&order=asc&per_page=100&page=${page}`, signal)
  const comments = items.flatMap((c): ImportedComment[] => {
    const mapped = commentStatus(c.status)
    if (!mapped) return []
    return [
      {
        remoteId: String(c.id),
        postRemoteId: String(c.post),
        parentRemoteId: c.parent ? String(c.parent) : null,
        author: c.author_name ?? '',
        email: c.author_email ?? '',
        postedAt: wpDate(c.date_gmt) ?? new Date(0).toISOString(),
        html: c.content.raw ?? c.content.rendered,
        status: mapped,
      },
    ]
  })
  return { comments, last: !items.length || (pages !== null && page >= pages) }
}
