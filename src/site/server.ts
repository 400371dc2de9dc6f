// The reference site: Kopij's export API over SQLite, readers' pages with comments, and fault switches for tests.
import { randomUUID } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { answerApi, type ApiAnswer } from './api'
import { FaultSwitch, type Faults } from './faults'
import { articlePage, indexPage, notFoundPage, pageSecurityPolicy } from './pages'
import { SiteStore } from './store'

export interface ReferenceSiteOptions {
  dataDir: string
  /** 0 (default) picks a free port. */
  port?: number
  faults?: Faults
  /** A bearer token to accept (added to the site's tokens); without one and with no token stored, one is made. */
  token?: string
  now?: () => Date
}

export interface ReferenceSite {
  /** The readers' site, e.g. http://127.0.0.1:4801 */
  url: string
  /** The API root (the OpenAPI document's server): url + /api/v1 */
  apiUrl: string
  /** A token the API accepts (the one given, or a new one). */
  token: string
  store: SiteStore
  faults: FaultSwitch
  setFaults(faults: Faults): void
  /** API requests answered (or dropped) so far: tests count retries with it. */
  readonly apiRequests: number
  close(): Promise<void>
}

const maxBody = 6 * 1024 * 1024

export async function startReferenceSite(options: ReferenceSiteOptions): Promise<ReferenceSite> {
  let origin = ''
  const store = new SiteStore(options.dataDir, () => origin)
  const hasTokens = (store.db.prepare('SELECT count(*) AS n FROM tokens').get() as { n: number }).n > 0
  const token = options.token ? store.addToken('editor', options.token) : hasTokens ? '' : store.addToken('editor')
  const faults = new FaultSwitch(options.faults)
  const now = () => (options.now?.() ?? new Date()).toISOString()

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, 'application/problem+json', JSON.stringify({ type: '/problems/internal', title: String((error as Error).message), status: 500 }))
      else res.destroy()
    })
  })

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', origin)
    if (url.pathname.startsWith('/api/v1/') || url.pathname === '/api/v1') return api(req, res, url)
    if (req.method === 'GET' && url.pathname === '/') return page(res, 200, indexPage(store.visibleArticles(now())))
    const match = /^\/([a-z0-9-]+)\/(comments)?$/.exec(url.pathname)
    const article = match ? store.articleBySlug(match[1]!) : undefined
    const visible = article && (article.status === 'published' || (article.status === 'scheduled' && (article.publishAt ?? '') <= now()))
    if (!article || !visible) return page(res, 404, notFoundPage())
    if (req.method === 'GET' && !match![2]) {
      const notice = url.searchParams.has('commented') ? 'Dank je wel! Je reactie wacht op goedkeuring door de redactie.' : undefined
      return page(res, 200, articlePage(article, store.approvedComments(article.id), notice))
    }
    if (req.method === 'POST' && match![2]) {
      const form = new URLSearchParams(await readBody(req))
      const author = (form.get('author') ?? '').trim().slice(0, 200)
      const text = (form.get('comment') ?? '').trim().slice(0, 20_000)
      if (!author || !text) return page(res, 400, articlePage(article, store.approvedComments(article.id), 'Vul je naam en je reactie in.'))
      store.addComment({ id: randomUUID(), articleId: article.id, parentId: null, authorName: author, authorEmail: (form.get('email') ?? '').slice(0, 200), text, status: 'pending', byEditor: false, postedAt: now() })
      res.writeHead(303, { location: `/${article.slug}/?commented=1` })
      return res.end()
    }
    return page(res, 405, notFoundPage())
  }

  let apiRequests = 0
  async function api(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    apiRequests++
    const f = faults.current
    if (f.latencyMs) await new Promise((resolve) => setTimeout(resolve, f.latencyMs))
    if (f.mode === 'html') return page(res, 200, '<!doctype html><html><body><h1>Welkom op onze site</h1><p>Dit is geen API.</p></body></html>')
    if (f.mode === 'login-redirect') {
      res.writeHead(302, { location: `${origin}/login?redirect_to=${encodeURIComponent(url.pathname)}` })
      return res.end()
    }
    if (f.mode === 'huge-error') return send(res, 500, 'text/html; charset=utf-8', `<html><body>${'<p>Internal error, please stand by.</p>'.repeat(270_000)}</body></html>`)
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')
    const user = auth && f.mode !== 'unauthorized' ? store.tokenName(auth[1]!) : undefined
    if (!user) return answer(res, { status: 401, headers: { 'content-type': 'application/problem+json', 'www-authenticate': 'Bearer' }, body: { type: '/problems/unauthorized', title: 'A valid bearer token is needed.', status: 401 } })

    let body: string
    try {
      body = await readBody(req)
    } catch {
      return answer(res, { status: 413, headers: { 'content-type': 'application/problem+json' }, body: { type: '/problems/too-large', title: `Bodies are at most ${maxBody} bytes.`, status: 413 } })
    }
    const isWrite = req.method !== 'GET' && req.method !== 'HEAD'
    const fault = faults.draw(isWrite)
    if (fault === 'reset') return void req.socket.destroy()
    if (fault === 'error') {
      const status = [500, 502, 503][Math.floor(Math.random() * 3)]!
      return answer(res, { status, headers: { 'content-type': 'application/problem+json' }, body: { type: '/problems/injected', title: 'Injected server error', status } })
    }
    if (fault === 'rate-limit')
      return answer(res, { status: 429, headers: { 'content-type': 'application/problem+json', 'retry-after': String(f.retryAfterSeconds ?? 1) }, body: { type: '/problems/rate-limited', title: 'Too many requests', status: 429 } })
    const result = answerApi(store, { method: req.method ?? 'GET', path: url.pathname.slice('/api/v1'.length) || '/', query: url.searchParams, headers: req.headers, body, now: now() }, user)
    // Committed, and the answer is lost on the way: the client cannot tell whether its request was carried out.
    if (fault === 'drop-after-commit' && result.wrote) return void req.socket.destroy()
    answer(res, result)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: origin,
    apiUrl: `${origin}/api/v1`,
    token,
    store,
    faults,
    setFaults: (next) => faults.set(next),
    get apiRequests() {
      return apiRequests
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          store.close()
          resolve()
        })
        server.closeAllConnections()
      }),
  }
}

function answer(res: http.ServerResponse, result: ApiAnswer) {
  const headers = { 'content-type': 'application/json; charset=utf-8', ...result.headers }
  send(res, result.status, headers['content-type'], result.body === undefined ? '' : JSON.stringify(result.body), result.headers)
}

function page(res: http.ServerResponse, status: number, html: string) {
  send(res, status, 'text/html; charset=utf-8', html, { 'content-security-policy': pageSecurityPolicy })
}

function send(res: http.ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { ...headers, 'content-type': type, 'content-length': String(Buffer.byteLength(body)), 'x-content-type-options': 'nosniff' })
  res.end(body)
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBody) {
        reject(new Error('too large'))
        req.resume()
      } else chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}
