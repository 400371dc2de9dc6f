// Kopij's export API on the reference site (resources/openapi/kopij-export-api.yaml): articles, comments, moderation.
import { createHash } from 'node:crypto'
import type http from 'node:http'
import { z } from 'zod'
import type { SiteStore, SiteArticle } from './store'

export interface ApiRequest {
  method: string
  /** Path below /api/v1, e.g. /articles/abc. */
  path: string
  query: URLSearchParams
  headers: http.IncomingHttpHeaders
  body: string
  now: string
}

export interface ApiAnswer {
  status: number
  body?: unknown
  headers?: Record<string, string>
  /** The request changed data (a drop-after-commit fault applies to it). */
  wrote?: boolean
}

const problem = (status: number, type: string, title: string, extra: Record<string, unknown> = {}): ApiAnswer => ({
  status,
  headers: { 'content-type': 'application/problem+json' },
  body: { type: `/problems/${type}`, title, status, ...extra },
})

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/)
const Instant = z.string().datetime({ offset: true })

const ArticleInput = z
  .object({
    slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(200),
    title: z.string().min(1).max(500),
    html: z.string().max(5_000_000),
    excerpt: z.string().max(5000).default(''),
    language: z.string().regex(/^[a-z]{2}$/).default('nl'),
    categories: z.array(z.array(z.string().min(1).max(200)).min(1).max(10)).max(20).default([]),
    tags: z.array(z.string().min(1).max(100)).max(100).default([]),
    status: z.enum(['published', 'draft', 'scheduled']),
    publishAt: Instant.nullable().default(null),
  })
  .strict()
  .refine((a) => a.status !== 'scheduled' || a.publishAt !== null, { message: 'a scheduled article needs publishAt', path: ['publishAt'] })

const CommentStatus = z.enum(['pending', 'approved', 'spam', 'trash'])
const Moderation = z.object({ status: CommentStatus, expected: CommentStatus }).strict()
const TextEdit = z.object({ text: z.string().min(1).max(20_000) }).strict()
const Reply = z
  .object({ articleId: Id, parentId: Id.nullable().default(null), authorName: z.string().min(1).max(200), text: z.string().min(1).max(20_000) })
  .strict()

function parseBody<T>(schema: z.ZodType<T>, body: string): T | ApiAnswer {
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return problem(400, 'invalid-json', 'The request body is not JSON.')
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success)
    return problem(422, 'invalid-body', 'The request body does not fit the schema.', {
      errors: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    })
  return parsed.data
}
const isAnswer = (value: unknown): value is ApiAnswer => typeof value === 'object' && value !== null && 'status' in value && typeof (value as ApiAnswer).status === 'number' && !('slug' in value)

const withEtag = (status: number, article: SiteArticle, wrote = false): ApiAnswer => ({
  status,
  body: article,
  headers: { etag: article.etag, location: `/api/v1/articles/${article.id}` },
  wrote,
})

function limitOf(query: URLSearchParams): number {
  const n = Number(query.get('limit') ?? 100)
  return Number.isInteger(n) && n >= 1 && n <= 1000 ? n : 100
}
function cursorOf(query: URLSearchParams): number {
  const n = Number(query.get('after') ?? 0)
  return Number.isInteger(n) && n >= 0 ? n : 0
}

/** Answers one authenticated API request; writes with an Idempotency-Key answer a repeat with the first answer. */
export function answerApi(store: SiteStore, request: ApiRequest, user: string): ApiAnswer {
  const { method, path } = request
  if (method === 'GET' && path === '/me') return { status: 200, body: { name: user, site: 'Kopij reference site' } }

  if (method === 'GET' && path === '/articles') {
    const since = request.query.get('changedSince')
    if (since !== null && !Instant.safeParse(since).success) return problem(400, 'invalid-query', 'changedSince must be an ISO 8601 instant.')
    const page = store.changedArticles(since, cursorOf(request.query), limitOf(request.query))
    return { status: 200, body: { items: page.items, next: page.next === null ? null : String(page.next) } }
  }

  if (method === 'GET' && path === '/comments') {
    const status = request.query.get('status')
    if (status !== null && !CommentStatus.safeParse(status).success) return problem(400, 'invalid-query', 'status must be pending, approved, spam or trash.')
    const since = request.query.get('since')
    if (since !== null && !Instant.safeParse(since).success) return problem(400, 'invalid-query', 'since must be an ISO 8601 instant.')
    const page = store.comments({ status: (status ?? undefined) as never, since, articleId: request.query.get('articleId') ?? undefined, after: cursorOf(request.query), limit: limitOf(request.query) })
    return { status: 200, body: { items: page.items, next: page.next === null ? null : String(page.next) } }
  }

  const article = /^\/articles\/([^/]+)$/.exec(path)
  const moderation = /^\/comments\/([^/]+)\/moderation$/.exec(path)
  const text = /^\/comments\/([^/]+)\/text$/.exec(path)
  const comment = /^\/comments\/([^/]+)$/.exec(path)
  const id = decodeURIComponent((article ?? moderation ?? text ?? comment)?.[1] ?? '')
  if (!article && !moderation && !text && !comment) return problem(404, 'not-found', `No such resource: ${path}`)
  if (!Id.safeParse(id).success) return problem(400, 'invalid-id', 'An id is 1 to 100 letters, digits, - or _.')

  if (article && method === 'GET') {
    const found = store.article(id)
    return found ? withEtag(200, found) : problem(404, 'not-found', `There is no article ${id}.`)
  }
  if (article && method === 'PUT') return idempotent(store, request, () => putArticle(store, request, id))
  if (article && method === 'DELETE') return idempotent(store, request, () => unpublish(store, request, id))
  if (moderation && method === 'PUT') return idempotent(store, request, () => moderate(store, request, id))
  if (text && method === 'PUT') return idempotent(store, request, () => editText(store, request, id))
  if (comment && method === 'PUT') return idempotent(store, request, () => reply(store, request, id, user))
  if (comment && method === 'DELETE') return idempotent(store, request, () => deleteComment(store, id))
  return problem(405, 'method-not-allowed', `${method} is not allowed on ${path}.`)
}

function idempotent(store: SiteStore, request: ApiRequest, act: () => ApiAnswer): ApiAnswer {
  const key = request.headers['idempotency-key']
  if (typeof key !== 'string' || !key) return store.db.transaction(act).immediate()
  const fingerprint = createHash('sha256').update(`${request.method} ${request.path}\n${request.body}`).digest('hex')
  return store.db.transaction((): ApiAnswer => {
    const seen = store.remembered(key)
    if (seen) {
      if (seen.fingerprint !== fingerprint) return problem(422, 'idempotency-key-reused', 'This Idempotency-Key was used for a different request.')
      const body = JSON.parse(seen.body) as unknown
      const etag = (body as { etag?: string }).etag
      return { status: seen.status, body, headers: { 'idempotent-replay': 'true', ...(etag ? { etag } : {}) } }
    }
    const answer = act()
    // Only what was done is remembered: a refused request may be sent again with the same key once fixed.
    if (answer.wrote) store.remember(key, fingerprint, answer.status, JSON.stringify(answer.body ?? null), request.now)
    return answer
  }).immediate()
}

function putArticle(store: SiteStore, request: ApiRequest, id: string): ApiAnswer {
  const input = parseBody(ArticleInput, request.body)
  if (isAnswer(input)) return input
  const current = store.article(id)
  const ifMatch = request.headers['if-match']
  const ifNoneMatch = request.headers['if-none-match']
  if (ifNoneMatch === '*' && current) return problem(412, 'precondition-failed', 'The article exists on the site already.', { current })
  if (typeof ifMatch === 'string' && ifMatch !== '*' && (!current || current.etag !== ifMatch))
    return problem(412, 'precondition-failed', current ? 'The article changed on the site since you saw it.' : 'The article is not on the site.', { current: current ?? null })
  const owner = store.slugOwner(input.slug)
  if (owner && owner !== id) return problem(409, 'slug-taken', `Another article on the site has the slug "${input.slug}".`, { articleId: owner })
  const { article, created } = store.putArticle({ id, ...input }, request.now)
  return withEtag(created ? 201 : 200, article, true)
}

function unpublish(store: SiteStore, request: ApiRequest, id: string): ApiAnswer {
  const current = store.article(id)
  if (!current) return problem(404, 'not-found', `There is no article ${id}.`)
  const ifMatch = request.headers['if-match']
  if (typeof ifMatch === 'string' && ifMatch !== '*' && current.etag !== ifMatch)
    return problem(412, 'precondition-failed', 'The article changed on the site since you saw it.', { current })
  if (current.status === 'unpublished') return withEtag(200, current, true)
  return withEtag(200, store.setArticleStatus(id, 'unpublished', request.now), true)
}

function moderate(store: SiteStore, request: ApiRequest, id: string): ApiAnswer {
  const input = parseBody(Moderation, request.body)
  if (isAnswer(input)) return input
  const current = store.comment(id)
  if (!current) return problem(404, 'not-found', `There is no comment ${id}.`)
  if (current.status === input.status) return { status: 200, body: current, wrote: true }
  if (current.status !== input.expected)
    return problem(409, 'status-changed', `The comment is ${current.status} on the site, not ${input.expected}.`, { current })
  return { status: 200, body: store.setCommentStatus(id, input.status, request.now), wrote: true }
}

function reply(store: SiteStore, request: ApiRequest, id: string, user: string): ApiAnswer {
  const input = parseBody(Reply, request.body)
  if (isAnswer(input)) return input
  if (!store.article(input.articleId)) return problem(422, 'unknown-article', `There is no article ${input.articleId} to reply under.`)
  if (input.parentId && !store.comment(input.parentId)) return problem(422, 'unknown-parent', `There is no comment ${input.parentId} to reply to.`)
  const current = store.comment(id)
  if (current) {
    const same = current.articleId === input.articleId && current.parentId === input.parentId && current.text === input.text
    return same ? { status: 200, body: current, wrote: true } : problem(409, 'id-taken', `A different comment has the id ${id}.`, { current })
  }
  const created = store.addComment({ id, ...input, status: 'approved', byEditor: true, postedAt: request.now, authorEmail: `${user}@editors` })
  return { status: 201, body: created, wrote: true }
}

function editText(store: SiteStore, request: ApiRequest, id: string): ApiAnswer {
  const input = parseBody(TextEdit, request.body)
  if (isAnswer(input)) return input
  const current = store.comment(id)
  if (!current) return problem(404, 'not-found', `There is no comment ${id}.`)
  if (current.text === input.text) return { status: 200, body: current, wrote: true }
  return { status: 200, body: store.setCommentText(id, input.text, request.now), wrote: true }
}

function deleteComment(store: SiteStore, id: string): ApiAnswer {
  const current = store.comment(id)
  if (!current) return problem(404, 'not-found', `There is no comment ${id}.`)
  store.deleteComment(id)
  return { status: 200, body: current, wrote: true }
}
