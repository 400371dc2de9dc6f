// HTTP to a site: keep-alive, a deadline per request, capped bodies, no redirects followed, and errors made plain.
import http from 'node:http'
import https from 'node:https'

export interface HttpRequest {
  method: string
  url: string
  headers?: Record<string, string>
  /** JSON-encoded (or already a string). */
  body?: unknown
  timeoutMs?: number
  /** Bytes of a successful answer read at most; the rest is not read. */
  maxBodyBytes?: number
  signal?: AbortSignal
}

export interface HttpResponse {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
  truncated: boolean
}

/** A request that did not get an answer: `sent` says whether the site may have received (and acted on) it. */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly kind: 'refused' | 'unreachable' | 'reset' | 'timeout' | 'aborted' | 'tls',
    readonly sent: boolean,
  ) {
    super(message)
    this.name = 'TransportError'
  }
}

const defaultMaxBody = 32 * 1024 * 1024
const errorBodyBytes = 64 * 1024

export class HttpClient {
  private readonly httpAgent: http.Agent
  private readonly httpsAgent: https.Agent

  constructor(maxSockets = 8) {
    this.httpAgent = new http.Agent({ keepAlive: true, maxSockets })
    this.httpsAgent = new https.Agent({ keepAlive: true, maxSockets })
  }

  request(options: HttpRequest): Promise<HttpResponse> {
    const url = new URL(options.url)
    const body = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers }
    if (body !== undefined) {
      headers['content-type'] ??= 'application/json; charset=utf-8'
      headers['content-length'] = String(Buffer.byteLength(body))
    }
    const maxBody = options.maxBodyBytes ?? defaultMaxBody
    const lib = url.protocol === 'https:' ? https : http
    return new Promise<HttpResponse>((resolve, reject) => {
      let settled = false
      let sent = false
      const finish = (error: Error | null, response?: HttpResponse) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        options.signal?.removeEventListener('abort', onAbort)
        if (error) reject(error)
        else resolve(response!)
      }
      const req = lib.request(url, { method: options.method, headers, agent: url.protocol === 'https:' ? this.httpsAgent : this.httpAgent })
      const timer = setTimeout(() => {
        finish(new TransportError(`The site did not answer within ${Math.round((options.timeoutMs ?? 30_000) / 1000)} s.`, 'timeout', sent))
        req.destroy()
      }, options.timeoutMs ?? 30_000)
      const onAbort = () => {
        finish(new TransportError('The request was stopped.', 'aborted', sent))
        req.destroy()
      }
      if (options.signal?.aborted) return onAbort()
      options.signal?.addEventListener('abort', onAbort)
      req.on('finish', () => (sent = true))
      req.on('error', (error: NodeJS.ErrnoException) => finish(transportError(error, sent)))
      req.on('response', (res) => {
        // An error answer is read for its message only: a 10 MB error page costs 64 KB.
        const limit = (res.statusCode ?? 0) >= 300 ? Math.min(maxBody, errorBodyBytes) : maxBody
        const chunks: Buffer[] = []
        let size = 0
        let truncated = false
        res.on('data', (chunk: Buffer) => {
          if (truncated) return
          if (size + chunk.length > limit) {
            chunks.push(chunk.subarray(0, limit - size))
            truncated = true
            finish(null, { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), truncated })
            // The rest is not wanted: dropping the socket is cheaper than reading megabytes of an error page.
            res.destroy()
            return
          }
          size += chunk.length
          chunks.push(chunk)
        })
        res.on('end', () => finish(null, { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), truncated }))
        res.on('error', (error: NodeJS.ErrnoException) => finish(transportError(error, true)))
        res.on('aborted', () => finish(new TransportError('The site closed the connection in the middle of its answer.', 'reset', true)))
      })
      req.end(body)
    })
  }

  close(): void {
    this.httpAgent.destroy()
    this.httpsAgent.destroy()
  }
}

function transportError(error: NodeJS.ErrnoException, sent: boolean): TransportError {
  const code = error.code ?? ''
  if (code === 'ECONNREFUSED') return new TransportError('The site refused the connection (is it running, is the address right?).', 'refused', false)
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENETUNREACH' || code === 'EHOSTUNREACH')
    return new TransportError(`The site cannot be reached (${code}): offline, or a wrong address.`, 'unreachable', false)
  if (code.startsWith('ERR_TLS') || code.includes('CERT') || code === 'EPROTO')
    return new TransportError(`The secure connection failed (${code}): the site's certificate is not trusted.`, 'tls', false)
  // A reset after the request went out: the site may have done what was asked.
  return new TransportError(`The connection broke (${code || error.message}).`, 'reset', sent || code === 'ECONNRESET' || code === 'EPIPE')
}

/** Seconds or an HTTP date in Retry-After, as milliseconds from now (capped at an hour). */
export function retryAfterMs(value: string | string[] | undefined, nowMs: number): number | undefined {
  const text = Array.isArray(value) ? value[0] : value
  if (!text) return undefined
  const seconds = Number(text)
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(text) - nowMs
  if (!Number.isFinite(ms)) return undefined
  return Math.min(Math.max(ms, 0), 3_600_000)
}

/** A short, plain version of a body for a message: tags and runs of space gone, at most 200 characters. */
export function gist(body: string): string {
  const text = body.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim()
  return text.length > 200 ? `${text.slice(0, 200)}…` : text
}
