// A site speaking Kopij's export API: articles upserted under Kopij's own ids (idempotent), If-Match for conflicts.
import type { SiteTestResult } from '../../../shared/publishing'
import { fromTransport, jsonBody, SendError, statusError, type ArticlePayload, type RemoteRecord, type RemoteVersion, type SendContext, type SiteAdapter } from './adapter'
import type { HttpClient, HttpRequest, HttpResponse } from './http'

interface ApiArticle {
  id: string
  slug: string
  title: string
  html: string
  excerpt: string
  status: string
  modifiedAt: string
  etag: string
  url: string
}

const statusFor = { publish: 'published', draft: 'draft', future: 'scheduled' } as const
const errorBodyLimit = 64 * 1024

export class KopijApiSite implements SiteAdapter {
  constructor(
    private readonly apiUrl: string,
    private readonly token: string | undefined,
    private readonly http: HttpClient,
    private readonly now: () => number = Date.now,
    private readonly timeoutMs = 30_000,
  ) {}

  private async send(request: Omit<HttpRequest, 'url'> & { path: string }): Promise<HttpResponse> {
    if (!this.token) throw new SendError('unauthorized', 'No bearer token is kept for this site: enter one in its settings.', 'never', { siteProblem: true })
    try {
      return await this.http.request({
        ...request,
        url: `${this.apiUrl}${request.path}`,
        timeoutMs: request.timeoutMs ?? this.timeoutMs,
        headers: { authorization: `Bearer ${this.token}`, ...request.headers },
      })
    } catch (error) {
      throw fromTransport(error)
    }
  }

  private failure(response: HttpResponse, what: string): SendError {
    let remote: { code?: string; message?: string } = {}
    if (/json/.test(String(response.headers['content-type'] ?? ''))) {
      try {
        const problem = JSON.parse(response.body) as { type?: string; title?: string; detail?: string }
        remote = { code: problem.type, message: [problem.title, problem.detail].filter(Boolean).join(' ') }
      } catch {
        // A problem body that is not JSON says nothing more than its status.
      }
    }
    return statusError(response, what, remote, this.now())
  }

  async test(): Promise<SiteTestResult> {
    try {
      const response = await this.send({ method: 'GET', path: '/me', maxBodyBytes: errorBodyLimit, timeoutMs: 15_000 })
      if (response.status !== 200) throw this.failure(response, 'the connection test')
      const me = jsonBody<{ name?: unknown }>(response, 'the connection test')
      if (typeof me.name !== 'string') return { ok: false, code: 'invalid-answer', message: 'The site answered, but not as Kopij\'s export API does (no user name).' }
      return { ok: true, code: 'ok', message: `Connected as ${me.name}.`, user: me.name }
    } catch (error) {
      const e = fromTransport(error)
      return { ok: false, code: e.code, message: e.message }
    }
  }

  async publish(payload: ArticlePayload, known: RemoteRecord | null, context: SendContext): Promise<RemoteRecord> {
    const body = {
      slug: payload.slug,
      title: payload.title,
      html: payload.html,
      excerpt: payload.excerpt,
      language: payload.language,
      categories: payload.categoryPath.length ? [payload.categoryPath] : [],
      tags: payload.tags,
      status: statusFor[payload.remoteStatus],
      publishAt: payload.remoteStatus === 'future' ? payload.publishAt : null,
    }
    // Kopij's id on the site makes the PUT idempotent; the precondition says which version Kopij last saw.
    const precondition: Record<string, string> = known?.etag ? { 'if-match': known.etag } : { 'if-none-match': '*' }
    const response = await this.send({
      method: 'PUT',
      path: `/articles/${encodeURIComponent(payload.articleId)}`,
      body,
      signal: context.signal,
      headers: { 'idempotency-key': context.idempotencyKey, ...precondition },
      maxBodyBytes: 8 * 1024 * 1024,
    })
    if (response.status === 412) {
      const current = this.problemCurrent(response)
      throw new SendError('conflict', current ? 'The article was changed on the site since Kopij last published it.' : 'The article is no longer on the site.', 'never', { httpStatus: 412, theirs: current })
    }
    if (response.status === 409) throw new SendError('rejected', this.failure(response, 'the article').message, 'never', { httpStatus: 409, remoteCode: '/problems/slug-taken' })
    if (response.status !== 200 && response.status !== 201) throw this.failure(response, 'the article')
    return this.record(jsonBody<ApiArticle>(response, 'the article'))
  }

  async unpublish(known: RemoteRecord, context: SendContext): Promise<RemoteRecord> {
    const response = await this.send({
      method: 'DELETE',
      path: `/articles/${encodeURIComponent(known.remoteId)}`,
      signal: context.signal,
      headers: { 'idempotency-key': context.idempotencyKey },
      maxBodyBytes: 8 * 1024 * 1024,
    })
    // Gone already is what was asked for.
    if (response.status === 404) return { ...known, remoteStatus: 'unpublished' }
    if (response.status !== 200) throw this.failure(response, 'unpublishing')
    return this.record(jsonBody<ApiArticle>(response, 'unpublishing'))
  }

  async fetch(known: RemoteRecord, signal?: AbortSignal): Promise<RemoteVersion | null> {
    const response = await this.send({ method: 'GET', path: `/articles/${encodeURIComponent(known.remoteId)}`, signal })
    if (response.status === 404) return null
    if (response.status !== 200) throw this.failure(response, 'reading the article')
    return this.version(jsonBody<ApiArticle>(response, 'reading the article'))
  }

  close(): void {}

  private problemCurrent(response: HttpResponse): RemoteVersion | null {
    try {
      const problem = JSON.parse(response.body) as { current?: ApiArticle | null }
      return problem.current ? this.version(problem.current) : null
    } catch {
      return null
    }
  }

  private version(a: ApiArticle): RemoteVersion {
    return { title: a.title, html: a.html, excerpt: a.excerpt, slug: a.slug, modifiedAt: a.modifiedAt, status: a.status, precondition: { remoteModified: a.modifiedAt, etag: a.etag } }
  }

  private record(a: ApiArticle): RemoteRecord {
    if (typeof a?.id !== 'string' || typeof a.etag !== 'string')
      throw new SendError('invalid-answer', 'The site accepted the article but did not say its id and version.', 'never')
    return { remoteId: a.id, remoteUrl: a.url ?? null, remoteModified: a.modifiedAt ?? null, etag: a.etag, remoteStatus: a.status ?? null }
  }
}
