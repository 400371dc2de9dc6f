// Comments on WordPress over REST v2: read by status, moderate after checking the status seen, reply, edit, delete.
import type { CommentStatus } from '../../../shared/comments'
import { fromTransport, jsonBody, SendError, statusError, type SendContext } from '../../publishing/sites/adapter'
import type { HttpClient, HttpRequest, HttpResponse } from '../../publishing/sites/http'
import { decodeEntities } from '../../publishing/sites/wordpress'
import type { ChangePage, CommentSite, Moderated, RemoteComment, ReplyInput, SyncContext, TextInput } from './adapter'

interface WpComment {
  id: number
  post: number
  parent: number
  author: number
  author_name: string
  author_email?: string
  date_gmt: string
  content: { raw?: string; rendered: string }
  link?: string
  status: string
}

/** WordPress's words for a status: what it answers with, and what it takes in a request. */
const fromWp: Record<string, CommentStatus> = { approved: 'approved', approve: 'approved', '1': 'approved', hold: 'pending', unapproved: 'pending', '0': 'pending', spam: 'spam', trash: 'trash' }
const toWp: Record<CommentStatus, string> = { approved: 'approve', pending: 'hold', spam: 'spam', trash: 'trash' }

/** How many comments Kopij believes pending, but missing from the site's pending list, it looks up one by one. */
const watchLimit = 200
const pageSize = 100

const squeeze = (text: string) => text.replace(/\s+/g, ' ').trim()

export class WordPressComments implements CommentSite {
  private readonly authorization: string | undefined

  constructor(
    private readonly baseUrl: string,
    username: string,
    password: string | undefined,
    private readonly http: HttpClient,
    private readonly now: () => number = Date.now,
    private readonly timeoutMs = 30_000,
  ) {
    this.authorization = password ? `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` : undefined
  }

  private async send(request: Omit<HttpRequest, 'url'> & { path: string }): Promise<HttpResponse> {
    if (!this.authorization) throw new SendError('unauthorized', 'No application password is kept for this site: enter one in its settings.', 'never', { siteProblem: true })
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
    let remote: { code?: string; message?: string } = {}
    try {
      remote = JSON.parse(response.body) as { code?: string; message?: string }
    } catch {
      // Not WordPress's error JSON: the status says it.
    }
    if (response.status === 404 && remote.code === 'rest_no_route')
      return new SendError('not-an-api', "WordPress's REST API does not answer at this address.", 'never', { httpStatus: 404, remoteCode: remote.code, siteProblem: true })
    return statusError(response, what, { code: remote.code, message: remote.message ? decodeEntities(remote.message) : undefined }, this.now())
  }

  private async list(query: string, signal?: AbortSignal): Promise<{ items: WpComment[]; last: boolean }> {
    const response = await this.send({ method: 'GET', path: `/comments?context=edit&per_page=${pageSize}&${query}`, signal, maxBodyBytes: 64 * 1024 * 1024 })
    // Past the last page WordPress answers 400 rest_comment_invalid_page_number.
    if (response.status === 400 && /invalid_page_number/.test(response.body)) return { items: [], last: true }
    if (response.status !== 200) throw this.failure(response, 'reading comments')
    const items = jsonBody<WpComment[]>(response, 'reading comments')
    if (!Array.isArray(items)) throw new SendError('invalid-answer', 'WordPress answered a comment list with something that is not a list.', 'never')
    const pages = Number(response.headers['x-wp-totalpages'])
    const page = Number(/page=(\d+)/.exec(query)?.[1] ?? 1)
    return { items, last: items.length < pageSize || (Number.isFinite(pages) && page >= pages) }
  }

  /**
   * Every pending comment (the queue must be exact), new comments of the other statuses (newest first, down to the
   * newest id seen by the last sync), and the comments Kopij holds as pending that left the site's pending list.
   */
  async *changes(mark: string | null, context: SyncContext): AsyncGenerator<ChangePage> {
    const since = Number((JSON.parse(mark ?? '{}') as { newest?: number }).newest ?? 0)
    let newest = since
    const markNow = () => JSON.stringify({ newest })
    const take = (items: WpComment[]) => {
      const out = items.flatMap((c) => this.remote(c))
      for (const c of items) newest = Math.max(newest, c.id)
      return out
    }
    const pending = new Set<string>()
    for (let page = 1; ; page++) {
      const { items, last } = await this.list(`status=hold&orderby=id&order=asc&page=${page}`, context.signal)
      for (const c of items) pending.add(String(c.id))
      yield { comments: take(items), mark: null }
      if (last) break
    }
    for (const status of ['approve', 'spam', 'trash']) {
      for (let page = 1; ; page++) {
        const { items, last } = await this.list(`status=${status}&orderby=id&order=desc&page=${page}`, context.signal)
        const fresh = items.filter((c) => c.id > since)
        yield { comments: take(fresh), mark: null }
        if (last || fresh.length < items.length) break
      }
    }
    for (const id of context.watch.filter((id) => !pending.has(id)).slice(0, watchLimit)) {
      const comment = await this.one(id, context.signal)
      if (comment) yield { comments: take([comment]), mark: null }
    }
    yield { comments: [], mark: markNow() }
  }

  private async one(id: string, signal?: AbortSignal): Promise<WpComment | null> {
    const response = await this.send({ method: 'GET', path: `/comments/${encodeURIComponent(id)}?context=edit`, signal })
    if (response.status === 404 || response.status === 410) return null
    if (response.status !== 200) throw this.failure(response, 'reading a comment')
    return jsonBody<WpComment>(response, 'reading a comment')
  }

  /** WordPress has no precondition: the status is read first, and the decision sent only if it is still the one seen. */
  async moderate(remoteId: string, status: CommentStatus, expected: CommentStatus, context: SendContext): Promise<Moderated> {
    const current = await this.one(remoteId, context.signal)
    const theirs = current ? (this.remote(current)[0] ?? null) : null
    if (!theirs) return { kind: 'conflict', theirs: null }
    if (theirs.status === status) return { kind: 'done', comment: theirs }
    if (theirs.status !== expected) return { kind: 'conflict', theirs }
    return { kind: 'done', comment: await this.write(`/comments/${remoteId}`, { status: toWp[status] }, 'the moderation', context.signal) }
  }

  async reply(input: ReplyInput, context: SendContext): Promise<RemoteComment> {
    // No idempotency keys: a reply that may have arrived already is looked for before it is posted again.
    if (context.outcomeUnknown) {
      const found = await this.findReply(input, context.signal)
      if (found) return found
    }
    const body = { post: Number(input.articleRemoteId), parent: input.parentRemoteId ? Number(input.parentRemoteId) : 0, content: input.raw, status: 'approve' }
    const response = await this.send({ method: 'POST', path: '/comments', body, signal: context.signal })
    if (response.status === 409) {
      // comment_duplicate: the same words by the same user under the same post are there already.
      const found = await this.findReply(input, context.signal)
      if (found) return found
    }
    if (response.status !== 201 && response.status !== 200) throw this.failure(response, 'the reply')
    const [posted] = this.remote(jsonBody<WpComment>(response, 'the reply'))
    if (!posted) throw new SendError('invalid-answer', 'WordPress accepted the reply but did not say what it made of it.', 'never')
    return posted
  }

  async edit(remoteId: string, input: TextInput, context: SendContext): Promise<RemoteComment | null> {
    return this.write(`/comments/${remoteId}`, { content: input.raw }, 'the new text', context.signal)
  }

  async remove(remoteId: string, context: SendContext): Promise<void> {
    const response = await this.send({ method: 'DELETE', path: `/comments/${encodeURIComponent(remoteId)}?force=true`, signal: context.signal })
    if (response.status === 200 || response.status === 404 || response.status === 410) return
    throw this.failure(response, 'deleting the comment')
  }

  private async write(path: string, body: object, what: string, signal: AbortSignal): Promise<RemoteComment> {
    const response = await this.send({ method: 'POST', path, body, signal })
    if (response.status === 404 || response.status === 410) throw new SendError('not-found', 'The comment is no longer on the site.', 'never', { httpStatus: response.status })
    if (response.status !== 200) throw this.failure(response, what)
    const [comment] = this.remote(jsonBody<WpComment>(response, what))
    if (!comment) throw new SendError('invalid-answer', `WordPress's answer to ${what} is not a comment.`, 'never')
    return comment
  }

  private async findReply(input: ReplyInput, signal: AbortSignal): Promise<RemoteComment | null> {
    const parent = input.parentRemoteId ? `&parent=${encodeURIComponent(input.parentRemoteId)}` : ''
    const { items } = await this.list(`post=${encodeURIComponent(input.articleRemoteId)}${parent}&status=approve&orderby=id&order=desc&page=1`, signal)
    const match = items.find((c) => c.author > 0 && squeeze(c.content.raw ?? '') === squeeze(input.raw))
    return match ? (this.remote(match)[0] ?? null) : null
  }

  private remote(c: WpComment): RemoteComment[] {
    if (!c || typeof c.id !== 'number' || typeof c.post !== 'number') return []
    const status = fromWp[String(c.status)]
    if (!status) return []
    const posted = Date.parse(`${String(c.date_gmt ?? '').replace(/Z$/, '')}Z`)
    return [
      {
        remoteId: String(c.id),
        remoteArticleId: String(c.post),
        remoteParentId: c.parent ? String(c.parent) : null,
        authorName: decodeEntities(String(c.author_name ?? '')),
        authorEmail: typeof c.author_email === 'string' ? c.author_email : '',
        postedAt: new Date(Number.isFinite(posted) ? posted : 0).toISOString(),
        modifiedAt: null,
        status,
        body: typeof c.content?.rendered === 'string' ? c.content.rendered : '',
        format: 'html',
        byEditor: typeof c.author === 'number' && c.author > 0,
        url: typeof c.link === 'string' ? c.link : null,
      },
    ]
  }
}
