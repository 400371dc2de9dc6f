// A WordPress site over REST API v2 with an application password: posts, categories by path, tags, conflicts, adoption.
import type { SiteTestResult } from '../../../shared/publishing'
import { fromTransport, jsonBody, SendError, statusError, type ArticlePayload, type RemoteRecord, type RemoteVersion, type SendContext, type SiteAdapter } from './adapter'
import type { HttpClient, HttpRequest, HttpResponse } from './http'

interface WpPost {
  id: number
  slug: string
  status: string
  link: string
  modified_gmt: string
  title: { raw?: string; rendered: string }
  content: { raw?: string; rendered: string }
  excerpt: { raw?: string; rendered: string }
}

interface WpError {
  code?: string
  message?: string
  data?: { status?: number; term_id?: number }
}

/** Category and tag ids on the site, kept in the archive so a batch does not look each one up per post. */
export interface TermCache {
  get(taxonomy: 'category' | 'tag', key: string): string | undefined
  set(taxonomy: 'category' | 'tag', key: string, id: string): void
}

const errorBodyLimit = 64 * 1024

/** WordPress sends term names and titles with HTML entities. */
export function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === '#') {
      const n = code[1]?.toLowerCase() === 'x' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10)
      return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole
    }
    return named[code.toLowerCase()] ?? whole
  })
}

export class WordPressSite implements SiteAdapter {
  private readonly authorization: string | undefined

  constructor(
    private readonly baseUrl: string,
    username: string,
    password: string | undefined,
    private readonly http: HttpClient,
    private readonly terms: TermCache,
    private readonly now: () => number = Date.now,
    private readonly timeoutMs = 30_000,
  ) {
    this.authorization = password ? `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` : undefined
  }

  private async send(request: Omit<HttpRequest, 'url'> & { path: string }): Promise<HttpResponse> {
    if (!this.authorization)
      throw new SendError('unauthorized', 'No application password is kept for this site: enter one in its settings.', 'never', { siteProblem: true })
    try {
      return await this.http.request({
        ...request,
        url: `${this.baseUrl}/wp-json/wp/v2${request.path}`,
        timeoutMs: request.timeoutMs ?? this.timeoutMs,
        headers: { authorization: this.authorization, ...request.headers },
      })
    } catch (error) {
      throw fromTransport(error)
    }
  }

  private failure(response: HttpResponse, what: string): SendError {
    let remote: WpError = {}
    if (/json/.test(String(response.headers['content-type'] ?? ''))) {
      try {
        remote = JSON.parse(response.body) as WpError
      } catch {
        // An error that is not JSON says nothing more than its status.
      }
    }
    // Match on WordPress's code, not its message: the messages come in the site's language.
    if (response.status === 404 && remote.code === 'rest_no_route')
      return new SendError('not-an-api', 'WordPress\'s REST API does not answer at this address (is it a WordPress site, is the REST API switched off?).', 'never', { httpStatus: 404, remoteCode: remote.code, siteProblem: true })
    if (response.status === 404 && !remote.code && !/json/.test(String(response.headers['content-type'] ?? '')))
      return new SendError('not-an-api', `There is no WordPress REST API at ${this.baseUrl}/wp-json/ (HTTP 404).`, 'never', { httpStatus: 404, siteProblem: true })
    return statusError(response, what, { code: remote.code, message: remote.message ? decodeEntities(remote.message) : undefined }, this.now())
  }

  async test(): Promise<SiteTestResult> {
    try {
      const response = await this.send({ method: 'GET', path: '/users/me?context=edit', maxBodyBytes: errorBodyLimit, timeoutMs: 15_000 })
      if (response.status !== 200) throw this.failure(response, 'the connection test')
      const me = jsonBody<{ id?: unknown; name?: unknown; capabilities?: Record<string, boolean> }>(response, 'the connection test')
      if (typeof me.id !== 'number') return { ok: false, code: 'invalid-answer', message: 'The site answered, but not as WordPress does (no user id).' }
      const name = typeof me.name === 'string' ? me.name : String(me.id)
      if (me.capabilities && !me.capabilities.publish_posts)
        return { ok: false, code: 'forbidden', message: `Connected as ${name}, but this user may not publish posts.`, user: name }
      return { ok: true, code: 'ok', message: `Connected as ${name}.`, user: name }
    } catch (error) {
      const e = fromTransport(error)
      return { ok: false, code: e.code, message: e.message }
    }
  }

  async publish(payload: ArticlePayload, known: RemoteRecord | null, context: SendContext): Promise<RemoteRecord> {
    const body = {
      title: payload.title,
      content: payload.html,
      excerpt: payload.excerpt,
      slug: payload.slug,
      status: payload.remoteStatus,
      categories: await this.categoryIds(payload.categoryPath, context.signal),
      tags: await this.tagIds(payload.tags, context.signal),
      ...(payload.remoteStatus === 'future' && payload.publishAt ? { date_gmt: payload.publishAt.replace(/\.\d+Z$|Z$/, '') } : {}),
    }
    if (known) {
      const current = await this.post(known.remoteId, context.signal)
      if (!current) throw new SendError('conflict', 'The post was deleted on the site.', 'never', { httpStatus: 404, theirs: null })
      const ours = context.outcomeUnknown && this.isOurs(current, payload)
      if (!ours && known.remoteModified && current.modified_gmt !== known.remoteModified)
        throw new SendError('conflict', `The post was edited on the site (at ${current.modified_gmt} UTC) since Kopij last saw it.`, 'never', { theirs: this.version(current) })
      return this.record(await this.write(`/posts/${current.id}`, body, context.signal))
    }
    // WordPress has no idempotency keys: an earlier create may have gone through, so look before creating twice.
    if (context.outcomeUnknown) {
      const found = await this.findBySlug(payload.slug, context.signal)
      if (found && decodeEntities(found.title.raw ?? found.title.rendered) === payload.title) return this.record(await this.write(`/posts/${found.id}`, body, context.signal))
    }
    return this.record(await this.write('/posts', body, context.signal))
  }

  async unpublish(known: RemoteRecord, context: SendContext): Promise<RemoteRecord> {
    const response = await this.send({ method: 'POST', path: `/posts/${known.remoteId}`, body: { status: 'draft' }, signal: context.signal })
    if (response.status === 404) return { ...known, remoteStatus: 'trash' }
    if (response.status !== 200) throw this.failure(response, 'unpublishing')
    return this.record(jsonBody<WpPost>(response, 'unpublishing'))
  }

  async fetch(known: RemoteRecord, signal?: AbortSignal): Promise<RemoteVersion | null> {
    const post = await this.post(known.remoteId, signal)
    return post ? this.version(post) : null
  }

  close(): void {}

  /** One page of a collection (context=edit), with WordPress's totals from X-WP-Total and X-WP-TotalPages. */
  async page<T>(path: string, signal?: AbortSignal): Promise<{ items: T[]; total: number | null; pages: number | null }> {
    const response = await this.send({ method: 'GET', path, signal, maxBodyBytes: 64 * 1024 * 1024 })
    // Past the last page WordPress answers 400 rest_post_invalid_page_number: an empty page to the reader.
    if (response.status === 400 && /invalid_page_number/.test(response.body)) return { items: [], total: null, pages: null }
    if (response.status !== 200) throw this.failure(response, 'reading the site')
    const items = jsonBody<T[]>(response, 'reading the site')
    if (!Array.isArray(items)) throw new SendError('invalid-answer', 'WordPress answered a list request with something that is not a list.', 'never')
    const number = (h: string) => (response.headers[h] === undefined ? null : Number(response.headers[h]))
    return { items, total: number('x-wp-total'), pages: number('x-wp-totalpages') }
  }

  private isOurs(post: WpPost, payload: ArticlePayload): boolean {
    return (post.title.raw ?? '') === payload.title && (post.content.raw ?? '') === payload.html
  }

  private async post(id: string, signal?: AbortSignal): Promise<WpPost | null> {
    const response = await this.send({ method: 'GET', path: `/posts/${encodeURIComponent(id)}?context=edit`, signal })
    if (response.status === 404 || response.status === 410) {
      const failure = this.failure(response, 'reading the post')
      if (failure.code === 'not-an-api') throw failure
      return null
    }
    if (response.status !== 200) throw this.failure(response, 'reading the post')
    return jsonBody<WpPost>(response, 'reading the post')
  }

  private async findBySlug(slug: string, signal?: AbortSignal): Promise<WpPost | undefined> {
    const response = await this.send({ method: 'GET', path: `/posts?slug=${encodeURIComponent(slug)}&status=any&context=edit&per_page=10`, signal })
    if (response.status !== 200) throw this.failure(response, 'looking up the post')
    const posts = jsonBody<WpPost[]>(response, 'looking up the post')
    return Array.isArray(posts) ? posts.find((p) => p.slug === slug) : undefined
  }

  private async write(path: string, body: object, signal: AbortSignal): Promise<WpPost> {
    const response = await this.send({ method: 'POST', path, body, signal, maxBodyBytes: 16 * 1024 * 1024 })
    if (response.status === 404) {
      const failure = this.failure(response, 'the post')
      if (failure.code === 'not-an-api') throw failure
      throw new SendError('conflict', 'The post was deleted on the site.', 'never', { httpStatus: 404, theirs: null })
    }
    if (response.status !== 200 && response.status !== 201) throw this.failure(response, 'the post')
    return jsonBody<WpPost>(response, 'the post')
  }

  private async categoryIds(path: string[], signal: AbortSignal): Promise<number[]> {
    if (!path.length) return []
    let parent = 0
    for (let depth = 1; depth <= path.length; depth++) {
      const name = path[depth - 1]!
      const key = path.slice(0, depth).map((p) => p.toLowerCase()).join(' > ')
      const cached = this.terms.get('category', key)
      if (cached) {
        parent = Number(cached)
        continue
      }
      const response = await this.send({ method: 'GET', path: `/categories?search=${encodeURIComponent(name)}&parent=${parent}&per_page=100`, signal })
      if (response.status !== 200) throw this.failure(response, 'looking up a category')
      const found = jsonBody<{ id: number; name: string; parent: number }[]>(response, 'looking up a category').find(
        (c) => c.parent === parent && decodeEntities(c.name).toLowerCase() === name.toLowerCase(),
      )
      parent = found ? found.id : await this.createTerm('categories', { name, parent }, signal)
      this.terms.set('category', key, String(parent))
    }
    return [parent]
  }

  private async tagIds(tags: string[], signal: AbortSignal): Promise<number[]> {
    const ids: number[] = []
    for (const name of tags) {
      const key = name.toLowerCase()
      const cached = this.terms.get('tag', key)
      if (cached) {
        ids.push(Number(cached))
        continue
      }
      const response = await this.send({ method: 'GET', path: `/tags?search=${encodeURIComponent(name)}&per_page=100`, signal })
      if (response.status !== 200) throw this.failure(response, 'looking up a tag')
      const found = jsonBody<{ id: number; name: string }[]>(response, 'looking up a tag').find((t) => decodeEntities(t.name).toLowerCase() === key)
      const id = found ? found.id : await this.createTerm('tags', { name }, signal)
      this.terms.set('tag', key, String(id))
      ids.push(id)
    }
    return ids
  }

  private async createTerm(taxonomy: 'categories' | 'tags', body: object, signal: AbortSignal): Promise<number> {
    const response = await this.send({ method: 'POST', path: `/${taxonomy}`, body, signal })
    if (response.status === 201 || response.status === 200) return jsonBody<{ id: number }>(response, 'a new term').id
    // Made meanwhile (by another request, or the search missed it): WordPress names the existing one.
    const error = /json/.test(String(response.headers['content-type'] ?? '')) ? (JSON.parse(response.body) as WpError) : {}
    if (error.code === 'term_exists' && error.data?.term_id) return error.data.term_id
    throw this.failure(response, `creating a ${taxonomy === 'tags' ? 'tag' : 'category'}`)
  }

  private version(post: WpPost): RemoteVersion {
    return {
      title: decodeEntities(post.title.raw ?? post.title.rendered),
      html: post.content.raw ?? post.content.rendered,
      excerpt: post.excerpt.raw ?? '',
      slug: post.slug,
      modifiedAt: post.modified_gmt ? `${post.modified_gmt}Z` : null,
      status: post.status,
      precondition: { remoteModified: post.modified_gmt ?? null, etag: null },
    }
  }

  private record(post: WpPost): RemoteRecord {
    if (typeof post?.id !== 'number') throw new SendError('invalid-answer', 'WordPress accepted the post but did not say its id.', 'never')
    return { remoteId: String(post.id), remoteUrl: post.link ?? null, remoteModified: post.modified_gmt ?? null, etag: null, remoteStatus: post.status ?? null }
  }
}
