// The app:// scheme: Kopij's pages served from out/renderer with a strict CSP header, never from file://.
import fs from 'node:fs/promises'
import path from 'node:path'
import type { Protocol } from 'electron'
import { contentSecurityPolicy, mimeType } from '../renderer-files'

export { contentSecurityPolicy, mimeType }

export const appScheme = 'app'
export const appHost = 'kopij'
export const appEntryUrl = `${appScheme}://${appHost}/index.html`

/** Must run before the app is ready: a standard, secure scheme gets an origin, fetch and a working CSP. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/**
 * True for Kopij's own pages: app://kopij/…, or the electron-vite dev server in development.
 * (WHATWG gives non-special schemes an opaque origin, so scheme and host are compared instead.)
 */
export function isAppUrl(url: string, devOrigin?: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol === `${appScheme}:` && parsed.host === appHost) return true
  return devOrigin !== undefined && parsed.origin === devOrigin
}

/**
 * The dev server origin when electron-vite dev runs us (ELECTRON_RENDERER_URL); never in a packaged app, and only
 * on loopback, so an environment variable cannot point a real installation at someone else's page.
 */
export function devServerUrl(env: NodeJS.ProcessEnv, isPackaged: boolean): URL | undefined {
  const raw = env.ELECTRON_RENDERER_URL
  if (isPackaged || !raw) return undefined
  try {
    const url = new URL(raw)
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
    return url.protocol === 'http:' && loopback ? url : undefined
  } catch {
    return undefined
  }
}

/**
 * The file an app:// URL names inside `root`, or null when it names anything else: another host, a path that
 * climbs out of root (also percent-encoded), a backslash, a colon or a NUL byte.
 */
export function resolveAppPath(root: string, url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== `${appScheme}:` || parsed.host !== appHost) return null
  let pathname: string
  try {
    pathname = decodeURIComponent(parsed.pathname)
  } catch {
    return null
  }
  if (/[\\:\0]/.test(pathname)) return null
  if (pathname.split('/').some((segment) => segment === '..')) return null
  if (pathname === '' || pathname === '/') pathname = '/index.html'
  const base = path.resolve(root)
  const file = path.resolve(base, `.${pathname}`)
  return file.startsWith(base + path.sep) ? file : null
}

const baseHeaders = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' }

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { ...baseHeaders, 'Content-Type': 'text/plain; charset=utf-8' } })
}

/** The handler given to `protocol.handle('app', …)`: files of `root` only, HTML with the CSP header. */
export function createAppProtocolHandler(root: string): (request: Pick<Request, 'url' | 'method'>) => Promise<Response> {
  let realRoot: string | undefined
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return new Response(null, { status: 405, headers: { ...baseHeaders, Allow: 'GET, HEAD' } })
    const file = resolveAppPath(root, request.url)
    if (!file) return notFound()
    let body: Buffer
    try {
      // A symbolic link inside root must not lead outside it either.
      realRoot ??= await fs.realpath(root)
      const real = await fs.realpath(file)
      if (!real.startsWith(realRoot + path.sep)) return notFound()
      body = await fs.readFile(real)
    } catch {
      return notFound()
    }
    const type = mimeType(file)
    const headers: Record<string, string> = { ...baseHeaders, 'Content-Type': type, 'Cache-Control': 'no-cache' }
    if (type.startsWith('text/html')) headers['Content-Security-Policy'] = contentSecurityPolicy
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers })
  }
}
