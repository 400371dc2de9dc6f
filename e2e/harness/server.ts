// The loopback harness: serves the built renderer on 127.0.0.1 and answers window.api with the same services as IPC.
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { isCallName } from '../../src/shared/api'
import { ApiError, type ErrorCode } from '../../src/shared/errors'
import { startKopij, type Kopij, type KopijOptions } from '../../src/main/kopij'
import { contentSecurityPolicy, mimeType } from '../../src/main/renderer-files'

const maxBodyBytes = 64 * 1024 * 1024

export interface HarnessOptions {
  archivePath: string
  port?: number
  rendererDir?: string
  demo?: boolean
  /** Lets tests make chosen calls fail or lag (POST /__harness/faults); never on unless asked for. */
  testHooks?: boolean
  now?: () => Date
  /** Where online source lookups go (tests: a local stub server). */
  lookups?: KopijOptions['lookups']
}

export interface Harness {
  url: string
  kopij: Kopij
  close(): Promise<void>
}

export const defaultRendererDir = path.resolve(__dirname, '../../out/renderer')

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const rendererDir = path.resolve(options.rendererDir ?? defaultRendererDir)
  const indexFile = path.join(rendererDir, 'index.html')
  if (!fs.existsSync(indexFile)) throw new Error(`No built renderer at ${rendererDir}: run \`npm run build\` first.`)
  const kopij = startKopij({ archivePath: options.archivePath, host: 'harness', demo: options.demo, checkOutput: true, now: options.now, lookups: options.lookups })
  const bridge = fs.readFileSync(path.join(__dirname, 'bridge.js'), 'utf8')
  const faults = new Map<string, { code?: ErrorCode; delayMs?: number; times: number }>()
  const streams = new Set<http.ServerResponse>()
  const unsubscribe = kopij.events.subscribe((name, payload) => {
    const frame = `event: kopij\ndata: ${JSON.stringify({ name, payload })}\n\n`
    for (const stream of streams) stream.write(frame)
  })

  let origin = ''
  const server = http.createServer((req, res) => {
    void handle(req, res).catch((error) => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `Harness error: ${(error as Error).message}`)
      else res.destroy()
    })
  })

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    // Loopback only, and only under our own host name: a page elsewhere cannot reach the archive by DNS rebinding.
    const host = req.headers.host ?? ''
    if (!isOwnHost(host)) return send(res, 421, 'text/plain; charset=utf-8', 'Wrong host')
    const url = new URL(req.url ?? '/', origin)
    if (url.pathname.startsWith('/api/call/') && req.method === 'POST') return answerCall(req, res, decodeURIComponent(url.pathname.slice('/api/call/'.length)))
    if (url.pathname === '/api/events' && req.method === 'GET') return openEventStream(req, res)
    if (url.pathname === '/__harness/bridge.js') return send(res, 200, mimeType('bridge.js'), bridge)
    if (url.pathname === '/__harness/faults' && req.method === 'POST' && options.testHooks) {
      const body = JSON.parse((await readBody(req)) || '{}') as { call: string; code?: ErrorCode; delayMs?: number; times?: number }
      if (body.times === 0) faults.delete(body.call)
      else faults.set(body.call, { code: body.code, delayMs: body.delayMs, times: body.times ?? 1 })
      return send(res, 204, 'text/plain', '')
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed')
    return serveStatic(url.pathname, res)
  }

  const isOwnHost = (host: string) => {
    const port = (server.address() as AddressInfo | null)?.port
    return host === `127.0.0.1:${port}` || host === `localhost:${port}`
  }

  async function answerCall(req: http.IncomingMessage, res: http.ServerResponse, name: string) {
    const sameOrigin = !req.headers.origin || isOwnHost(req.headers.origin.replace(/^https?:\/\//, ''))
    if (!sameOrigin || !String(req.headers['content-type']).startsWith('application/json'))
      return send(res, 403, 'text/plain; charset=utf-8', 'Calls come from the harness page only')
    let input: unknown
    try {
      const text = await readBody(req)
      input = (JSON.parse(text) as { input?: unknown }).input
    } catch (error) {
      return json(res, { ok: false, error: new ApiError('invalid-input', `The call's body is not JSON: ${(error as Error).message}`).toShape() })
    }
    const fault = isCallName(name) ? faults.get(name) : undefined
    if (fault) {
      if (--fault.times <= 0) faults.delete(name)
      // A slow archive or disk, for tests of what the editor does meanwhile.
      if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs))
      if (fault.code) return json(res, { ok: false, error: { code: fault.code, message: `Injected by the harness: ${fault.code}` } })
    }
    json(res, await kopij.dispatch(name, input))
  }

  function openEventStream(req: http.IncomingMessage, res: http.ServerResponse) {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' })
    res.write(': connected\n\n')
    streams.add(res)
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000)
    req.on('close', () => {
      clearInterval(keepAlive)
      streams.delete(res)
    })
  }

  function serveStatic(pathname: string, res: http.ServerResponse) {
    const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '')
    const file = path.resolve(rendererDir, relative)
    if (!file.startsWith(rendererDir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile())
      return send(res, 404, 'text/plain; charset=utf-8', 'Not found')
    const type = mimeType(file)
    if (file === indexFile) {
      // The bridge is a classic script placed before the app's module script, so window.api exists when the app starts.
      const html = fs.readFileSync(file, 'utf8').replace('<head>', '<head>\n    <script src="/__harness/bridge.js"></script>')
      return send(res, 200, type, html)
    }
    send(res, 200, type, fs.readFileSync(file))
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url: `${origin}/`,
    kopij,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe()
        for (const stream of streams) stream.end()
        server.close(() => {
          kopij.close()
          resolve()
        })
        server.closeAllConnections()
      }),
  }
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer) {
  res.writeHead(status, {
    'content-type': type,
    'content-security-policy': contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  })
  res.end(body)
}

const json = (res: http.ServerResponse, value: unknown) => send(res, 200, 'application/json; charset=utf-8', JSON.stringify(value))

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBodyBytes) {
        reject(new Error(`body larger than ${maxBodyBytes} bytes`))
        req.destroy()
      } else chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}
