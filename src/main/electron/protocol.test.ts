import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  contentSecurityPolicy,
  createAppProtocolHandler,
  devServerUrl,
  isAppUrl,
  registerAppScheme,
  resolveAppPath,
} from './protocol'

let dir: string
let root: string
const secret = 'SECRET-OUTSIDE-ROOT'

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopij-protocol-'))
  root = path.join(dir, 'out', 'renderer')
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true })
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Kopij</title>')
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)')
  fs.writeFileSync(path.join(root, 'assets', 'app.css'), 'body{}')
  fs.writeFileSync(path.join(root, 'assets', 'font.woff2'), 'x')
  fs.writeFileSync(path.join(dir, 'secret.txt'), secret)
  fs.writeFileSync(path.join(dir, 'out', 'secret.txt'), secret)
  try {
    fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(root, 'link.txt'))
  } catch {
    // Symbolic links may be unavailable (Windows without privilege); the test below then checks a plain 404.
  }
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

const get = (url: string, method = 'GET') => createAppProtocolHandler(root)({ url, method })

describe('app:// protocol', () => {
  it('registers app as a standard, secure scheme with fetch support', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() }
    registerAppScheme(protocol)
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ])
  })

  it('serves index.html with the CSP and nosniff headers', async () => {
    for (const url of ['app://kopij/', 'app://kopij/index.html']) {
      const response = await get(url)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy)
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(await response.text()).toContain('<title>Kopij</title>')
    }
  })

  it('gives the CSP every directive the renderer relies on', () => {
    expect(contentSecurityPolicy).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    )
    expect(contentSecurityPolicy).not.toMatch(/unsafe-(inline|eval)/)
  })

  it('uses the same policy as the meta tag of the renderer page (which cannot carry frame-ancestors)', () => {
    const html = fs.readFileSync(path.resolve(__dirname, '../../renderer/index.html'), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)
    // Browsers ignore frame-ancestors in a meta tag (and say so in the console); only the header can set it.
    const headerOnly = (directive: string) => directive.startsWith('frame-ancestors ')
    const directives = (policy: string) => policy.split(/\s*;\s*/).filter((d) => d && !headerOnly(d)).sort()
    expect(meta?.[1]).toBeDefined()
    expect(directives(meta![1]!)).toEqual(directives(contentSecurityPolicy))
  })

  it('answers assets with their MIME type and nosniff, without a CSP', async () => {
    const js = await get('app://kopij/assets/app.js')
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(js.headers.get('x-content-type-options')).toBe('nosniff')
    expect(js.headers.get('content-security-policy')).toBeNull()
    expect((await get('app://kopij/assets/app.css')).headers.get('content-type')).toBe('text/css; charset=utf-8')
    expect((await get('app://kopij/assets/font.woff2')).headers.get('content-type')).toBe('font/woff2')
  })

  it.each([
    'app://kopij/../../etc/passwd',
    'app://kopij/../secret.txt',
    'app://kopij/..%2f..%2fsecret.txt',
    'app://kopij/..%2F..%2Fsecret.txt',
    'app://kopij/%2e%2e/%2e%2e/secret.txt',
    'app://kopij/assets/..%2f..%2f..%2fsecret.txt',
    'app://kopij/%252e%252e/secret.txt',
    'app://kopij/..%5c..%5csecret.txt',
    'app://kopij/assets%2f..%2f..%2fsecret.txt',
    'app://kopij/index.html%00.js',
    'app://kopij/%E0%A4%A',
    'app://kopij/C:%5cWindows%5cwin.ini',
    'app://kopij/link.txt',
    'app://evil/index.html',
    'file:///etc/passwd',
  ])('refuses %s', async (url) => {
    const response = await get(url)
    expect(response.status).toBe(404)
    expect(await response.text()).not.toContain(secret)
  })

  it('never resolves a path outside the root, whatever the URL', () => {
    const urls = ['app://kopij/..%2f..%2fsecret.txt', 'app://kopij/%2e%2e%2fsecret.txt', 'app://kopij/a/..%2f..%2f..%2fsecret.txt']
    for (const url of urls) {
      const file = resolveAppPath(root, url)
      expect(file === null || file.startsWith(path.resolve(root) + path.sep)).toBe(true)
    }
    expect(resolveAppPath(root, 'app://kopij/assets/app.js')).toBe(path.join(path.resolve(root), 'assets', 'app.js'))
  })

  it('answers 404 for a missing file or a directory, 405 for other methods', async () => {
    expect((await get('app://kopij/nope.js')).status).toBe(404)
    expect((await get('app://kopij/assets')).status).toBe(404)
    expect((await get('app://kopij/index.html', 'POST')).status).toBe(405)
    const head = await get('app://kopij/index.html', 'HEAD')
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  })
})

describe('origins', () => {
  it('knows Kopij pages from others', () => {
    expect(isAppUrl('app://kopij/index.html')).toBe(true)
    expect(isAppUrl('app://kopij/')).toBe(true)
    expect(isAppUrl('app://other/index.html')).toBe(false)
    expect(isAppUrl('https://kopij/index.html')).toBe(false)
    expect(isAppUrl('file:///index.html')).toBe(false)
    expect(isAppUrl('not a url')).toBe(false)
    expect(isAppUrl('http://localhost:5173/', undefined)).toBe(false)
    expect(isAppUrl('http://localhost:5173/x', 'http://localhost:5173')).toBe(true)
    expect(isAppUrl('http://localhost:5174/x', 'http://localhost:5173')).toBe(false)
  })

  it('takes the dev server URL only unpackaged and on loopback', () => {
    expect(devServerUrl({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, false)?.origin).toBe('http://localhost:5173')
    expect(devServerUrl({ ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173' }, false)?.origin).toBe('http://127.0.0.1:5173')
    expect(devServerUrl({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, true)).toBeUndefined()
    expect(devServerUrl({ ELECTRON_RENDERER_URL: 'https://evil.example/' }, false)).toBeUndefined()
    expect(devServerUrl({ ELECTRON_RENDERER_URL: 'http://evil.example/' }, false)).toBeUndefined()
    expect(devServerUrl({}, false)).toBeUndefined()
  })
})
