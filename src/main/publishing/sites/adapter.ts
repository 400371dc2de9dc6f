// What a site does for the outbox, whatever its kind: test, publish or update, unpublish, fetch its version of an article.
import type { OutboxError, RemoteStatus, SiteTestResult } from '../../../shared/publishing'
import { gist, retryAfterMs, TransportError, type HttpResponse } from './http'

/** The snapshot an outbox item sends: rendered and sanitized when the item was queued. */
export interface ArticlePayload {
  articleId: string
  revisionId: number
  title: string
  slug: string
  html: string
  excerpt: string
  language: string
  categoryPath: string[]
  tags: string[]
  remoteStatus: RemoteStatus
  /** ISO instant; for `future`. */
  publishAt: string | null
}

/** What Kopij knows of the article on the site (remote_articles). */
export interface RemoteRecord {
  remoteId: string
  remoteUrl: string | null
  /** The site's modification time when Kopij last wrote or saw it: a newer one there means an edit on the site. */
  remoteModified: string | null
  etag: string | null
  remoteStatus: string | null
}

/** The site's own version of an article, for a conflict. */
export interface RemoteVersion {
  title: string
  html: string
  excerpt: string
  slug: string
  modifiedAt: string | null
  status: string | null
  /** What to write into remote_articles to overwrite this version on purpose ("keep mine"). */
  precondition: { remoteModified: string | null; etag: string | null }
}

export interface SendContext {
  idempotencyKey: string
  /** An earlier attempt may have reached the site: look before creating anything. */
  outcomeUnknown: boolean
  signal: AbortSignal
}

export interface SiteAdapter {
  test(): Promise<SiteTestResult>
  publish(payload: ArticlePayload, known: RemoteRecord | null, context: SendContext): Promise<RemoteRecord>
  unpublish(known: RemoteRecord, context: SendContext): Promise<RemoteRecord>
  /** The site's version of the article now; null when it is gone from the site. */
  fetch(known: RemoteRecord, signal?: AbortSignal): Promise<RemoteVersion | null>
  close(): void
}

export type Retry = 'never' | 'backoff' | 'wait'

/**
 * Why a send did not succeed, and what to do about it: `never` (the editor must act), `backoff` (try again later,
 * counts against the limit for server errors), `wait` (offline: wait without limit).
 */
export class SendError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retry: Retry,
    readonly extra: {
      httpStatus?: number
      remoteCode?: string
      retryAfterMs?: number
      /** The request may have been carried out by the site. */
      sent?: boolean
      /** The whole site has the problem (credentials, address): hold its queue instead of failing item after item. */
      siteProblem?: boolean
      /** The site's version, when the item is in conflict with it. */
      theirs?: RemoteVersion | null
    } = {},
  ) {
    super(message)
    this.name = 'SendError'
  }

  toOutboxError(willRetry: boolean): OutboxError {
    return {
      code: this.code,
      message: this.message,
      ...(this.extra.httpStatus ? { httpStatus: this.extra.httpStatus } : {}),
      ...(this.extra.remoteCode ? { remoteCode: this.extra.remoteCode } : {}),
      willRetry,
    }
  }
}

/** The error for a thrown transport failure (no answer). */
export function fromTransport(error: unknown): SendError {
  if (error instanceof SendError) return error
  if (error instanceof TransportError) {
    if (error.kind === 'refused' || error.kind === 'unreachable') return new SendError('network', error.message, 'wait', { sent: false })
    if (error.kind === 'timeout') return new SendError('timeout', error.message, 'backoff', { sent: error.sent })
    if (error.kind === 'tls') return new SendError('network', error.message, 'never', { sent: false, siteProblem: true })
    if (error.kind === 'aborted') return new SendError('cancelled', error.message, 'wait', { sent: error.sent })
    return new SendError('network', error.message, 'backoff', { sent: error.sent })
  }
  return new SendError('internal', (error as Error)?.message ?? String(error), 'never')
}

const isJson = (response: HttpResponse) => /\bjson\b/i.test(String(response.headers['content-type'] ?? ''))

/** Parses a JSON answer, or says plainly that the address is not the API (a web page, a login form). */
export function jsonBody<T>(response: HttpResponse, what: string): T {
  if (response.truncated) throw new SendError('invalid-answer', `The site's answer to ${what} was too large to read.`, 'never', { httpStatus: response.status })
  if (!isJson(response) && /^\s*</.test(response.body))
    throw new SendError('not-an-api', `The site answered ${what} with a web page instead of data: ${gist(response.body) || 'an empty page'}. Check the site's address.`, 'never', { httpStatus: response.status, siteProblem: true })
  try {
    return JSON.parse(response.body) as T
  } catch {
    throw new SendError('invalid-answer', `The site's answer to ${what} is not valid JSON: ${gist(response.body) || 'empty'}.`, 'never', { httpStatus: response.status, siteProblem: true })
  }
}

/**
 * The common part of turning a non-2xx answer into a SendError; adapters handle their own 404/409/412 first.
 * `remote` is the site's own error (code and message) when it sent one.
 */
export function statusError(response: HttpResponse, what: string, remote: { code?: string; message?: string }, nowMs: number): SendError {
  const status = response.status
  const said = remote.message ? `: ${remote.message.slice(0, 300)}` : !isJson(response) && response.body ? `: ${gist(response.body)}` : ''
  const base = { httpStatus: status, remoteCode: remote.code }
  if (status >= 300 && status < 400) {
    const location = String(response.headers.location ?? '')
    const login = /login|signin|auth|wp-admin/i.test(location)
    return new SendError('redirected', `The site sent ${what} elsewhere (${location.slice(0, 200) || 'no address given'})${login ? ', to a login page' : ''} instead of answering. Check the site's address (and whether its API is behind a login).`, 'never', { ...base, siteProblem: true })
  }
  if (status === 401)
    return new SendError('unauthorized', `The site refused the credentials${said}. The password may be wrong, expired or revoked: enter a new one in the site's settings.`, 'never', { ...base, siteProblem: true })
  if (status === 403) return new SendError('forbidden', `The site does not allow this user to do that${said}.`, 'never', base)
  if (status === 429)
    return new SendError('rate-limited', `The site asks Kopij to slow down${said}.`, 'backoff', { ...base, retryAfterMs: retryAfterMs(response.headers['retry-after'], nowMs) ?? undefined })
  if (status === 408 || status === 425 || status >= 500)
    return new SendError('server-error', `The site failed (HTTP ${status})${said}.`, 'backoff', { ...base, sent: true, retryAfterMs: retryAfterMs(response.headers['retry-after'], nowMs) })
  return new SendError('rejected', `The site refused ${what} (HTTP ${status})${said}.`, 'never', base)
}
