// Comments on a site of Kopij's export API: changes since a mark, moderation with `expected` (409 when it differs).
import type { CommentStatus } from '../../../shared/comments'
import { fromTransport, jsonBody, SendError, statusError, type SendContext } from '../../publishing/sites/adapter'
import type { HttpClient, HttpRequest, HttpResponse } from '../../publishing/sites/http'
import type { ChangePage, CommentSite, Moderated, RemoteComment, ReplyInput, SyncContext, TextInput } from './adapter'

interface ApiComment {
  id: string
  articleId: string
  parentId: string | null
  authorName: string
  authorEmail?: string
  text: string
  status: CommentStatus
  byEditor: boolean
  postedAt: string
  modifiedAt: string
}

const statuses = new Set(['pending', 'approved', 'spam', 'trash'])

export class KopijApiComments implements CommentSite {
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
    try {
      const body = JSON.parse(response.body) as { type?: string; title?: string }
      remote = { code: body.type, message: body.title }
    } catch {
      // Not a problem document: the status says it.
    }
    return statusError(response, what, remote, this.now())
  }

  async *changes(mark: string | null, context: SyncContext): AsyncGenerator<ChangePage> {
    let after = '0'
    let newest = mark
    for (;;) {
      const query = new URLSearchParams({ limit: '500', after })
      if (mark) query.set('since', mark)
      const response = await this.send({ method: 'GET', path: `/comments?${query}`, signal: context.signal, maxBodyBytes: 64 * 1024 * 1024 })
      if (response.status !== 200) throw this.failure(response, 'reading comments')
      const page = jsonBody<{ items?: unknown; next?: unknown }>(response, 'reading comments')
      if (!Array.isArray(page.items)) throw new SendError('invalid-answer', 'The site answered the comment list with something that is not a list.', 'never')
      const comments = page.items.flatMap((item) => this.remote(item))
      for (const c of comments) if (c.modifiedAt && (!newest || c.modifiedAt > newest)) newest = c.modifiedAt
      yield { comments, mark: newest }
      if (typeof page.next !== 'string' || !page.next) return
      after = page.next
    }
  }

  async moderate(remoteId: string, status: CommentStatus, expected: CommentStatus, context: SendContext): Promise<Moderated> {
    const response = await this.send({
      method: 'PUT',
      path: `/comments/${encodeURIComponent(remoteId)}/moderation`,
      body: { status, expected },
      signal: context.signal,
      headers: { 'idempotency-key': context.idempotencyKey },
    })
    if (response.status === 409) return { kind: 'conflict', theirs: this.current(response) }
    if (response.status === 404) return { kind: 'conflict', theirs: null }
    if (response.status !== 200) throw this.failure(response, 'the moderation')
    return { kind: 'done', comment: this.one(response, 'the moderation') }
  }

  async reply(input: ReplyInput, context: SendContext): Promise<RemoteComment> {
    const response = await this.send({
      method: 'PUT',
      path: `/comments/${encodeURIComponent(input.commentId)}`,
      body: { articleId: input.articleRemoteId, parentId: input.parentRemoteId, authorName: input.authorName, text: input.text },
      signal: context.signal,
      headers: { 'idempotency-key': context.idempotencyKey },
    })
    if (response.status === 422) throw new SendError('rejected', this.failure(response, 'the reply').message, 'never', { httpStatus: 422 })
    if (response.status !== 200 && response.status !== 201) throw this.failure(response, 'the reply')
    return this.one(response, 'the reply')
  }

  async edit(remoteId: string, input: TextInput, context: SendContext): Promise<RemoteComment | null> {
    const response = await this.send({
      method: 'PUT',
      path: `/comments/${encodeURIComponent(remoteId)}/text`,
      body: { text: input.text },
      signal: context.signal,
      headers: { 'idempotency-key': context.idempotencyKey },
    })
    if (response.status === 404) throw new SendError('not-found', 'The comment is no longer on the site.', 'never', { httpStatus: 404 })
    if (response.status !== 200) throw this.failure(response, 'the new text')
    return this.one(response, 'the new text')
  }

  async remove(remoteId: string, context: SendContext): Promise<void> {
    const response = await this.send({
      method: 'DELETE',
      path: `/comments/${encodeURIComponent(remoteId)}`,
      signal: context.signal,
      headers: { 'idempotency-key': context.idempotencyKey },
    })
    if (response.status === 404 || response.status === 200) return
    throw this.failure(response, 'deleting the comment')
  }

  private one(response: HttpResponse, what: string): RemoteComment {
    const [comment] = this.remote(jsonBody<unknown>(response, what))
    if (!comment) throw new SendError('invalid-answer', `The site's answer to ${what} is not a comment.`, 'never')
    return comment
  }

  private current(response: HttpResponse): RemoteComment | null {
    try {
      return this.remote((JSON.parse(response.body) as { current?: unknown }).current)[0] ?? null
    } catch {
      return null
    }
  }

  /** A comment of the API checked field by field; anything else is left out (and the sync says how many). */
  private remote(value: unknown): RemoteComment[] {
    const c = value as Partial<ApiComment> | null
    if (!c || typeof c !== 'object' || typeof c.id !== 'string' || typeof c.articleId !== 'string' || typeof c.text !== 'string') return []
    if (!statuses.has(String(c.status)) || typeof c.postedAt !== 'string' || !Number.isFinite(Date.parse(c.postedAt))) return []
    return [
      {
        remoteId: c.id,
        remoteArticleId: c.articleId,
        remoteParentId: typeof c.parentId === 'string' ? c.parentId : null,
        authorName: typeof c.authorName === 'string' ? c.authorName : '',
        authorEmail: typeof c.authorEmail === 'string' ? c.authorEmail : '',
        postedAt: new Date(c.postedAt).toISOString(),
        modifiedAt: typeof c.modifiedAt === 'string' ? c.modifiedAt : null,
        status: c.status as CommentStatus,
        body: c.text,
        format: 'text',
        byEditor: c.byEditor === true,
        url: null,
      },
    ]
  }
}
