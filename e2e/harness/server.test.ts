import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from './server'

let dir: string
let harness: Harness

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopij-harness-'))
  const renderer = path.join(dir, 'renderer')
  fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true })
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><html><head><script type="module" src="./assets/app.js"></script></head><body></body></html>')
  fs.writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log(1)')
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'not for the browser')
  harness = await startHarness({ archivePath: path.join(dir, 'a.sqlite'), rendererDir: renderer })
})

afterEach(async () => {
  await harness.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const call = (name: string, input: unknown, headers: Record<string, string> = {}) =>
  fetch(`${harness.url}api/call/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ input }),
  })

/** fetch() will not let a test forge the Host header, so this one speaks HTTP itself. */
function rawGet(url: string, host: string, rawPath?: string): Promise<number> {
  const { hostname, port, pathname } = new URL(url)
  return new Promise((resolve, reject) => {
    const req = http.get({ hostname, port, path: rawPath ?? pathname, headers: { host } }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', reject)
  })
}

describe('the loopback harness', () => {
  it('listens on 127.0.0.1 only and refuses other host names', async () => {
    expect(new URL(harness.url).hostname).toBe('127.0.0.1')
    expect(await rawGet(harness.url, 'evil.example:80')).toBe(421)
    expect(await rawGet(harness.url, new URL(harness.url).host)).toBe(200)
  })

  it('injects the bridge before the app script and serves pages with the CSP', async () => {
    const response = await fetch(harness.url)
    const html = await response.text()
    expect(html.indexOf('/__harness/bridge.js')).toBeGreaterThan(-1)
    expect(html.indexOf('/__harness/bridge.js')).toBeLessThan(html.indexOf('assets/app.js'))
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'")
    const bridge = await (await fetch(`${harness.url}__harness/bridge.js`)).text()
    expect(bridge).toContain("Object.defineProperty(window, 'api'")
  })

  it('answers calls with the same services, in envelopes', async () => {
    const found = (await (await call('articles.find', { query: 'acupunctuur' })).json()) as any
    expect(found.ok).toBe(true)
    expect(found.value.items[0].title).toBe('Hoogste medische arbiter: acupunctuur bij lage rugpijn!')
    const unknown = await (await call('articles.drop', {})).json()
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-call' } })
    const invalid = await (await call('articles.get', { id: 'not-a-uuid' })).json()
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    const notJson = await fetch(`${harness.url}api/call/app.info`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' })
    expect(await notJson.json()).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })

  it('refuses calls from another origin or without a JSON body type', async () => {
    expect((await call('app.info', {}, { origin: 'https://evil.example' })).status).toBe(403)
    const form = await fetch(`${harness.url}api/call/app.info`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' })
    expect(form.status).toBe(403)
  })

  it('never serves files outside the renderer folder', async () => {
    for (const probe of ['../secret.txt', '%2e%2e/secret.txt', '..%2fsecret.txt', '%2e%2e%2fsecret.txt']) {
      const status = await rawGet(harness.url, new URL(harness.url).host, `/${probe}`)
      expect(status, probe).toBe(404)
    }
  })

  it('streams events as server-sent events', async () => {
    const controller = new AbortController()
    const response = await fetch(`${harness.url}api/events`, { signal: controller.signal })
    const reader = response.body!.getReader()
    await reader.read() // the ": connected" comment
    const settings = (await (await call('settings.update', { language: 'en' })).json()) as any
    expect(settings.ok).toBe(true)
    let text = ''
    while (!text.includes('settings.changed')) text += new TextDecoder().decode((await reader.read()).value)
    expect(text).toContain('"language":"en"')
    controller.abort()
  })

  it('injects faults only when test hooks are on', async () => {
    const response = await fetch(`${harness.url}__harness/faults`, { method: 'POST', body: JSON.stringify({ call: 'app.info', code: 'disk-full' }) })
    expect(response.status).toBe(405)
    expect(((await (await call("app.info", {})).json()) as any).ok).toBe(true)

    const hooked = await startHarness({ archivePath: path.join(dir, 'b.sqlite'), rendererDir: path.join(dir, 'renderer'), testHooks: true })
    try {
      const set = await fetch(`${hooked.url}__harness/faults`, { method: 'POST', body: JSON.stringify({ call: 'app.info', code: 'disk-full' }) })
      expect(set.status).toBe(204)
      const post = () => fetch(`${hooked.url}api/call/app.info`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then((r) => r.json())
      expect(await post()).toMatchObject({ ok: false, error: { code: 'disk-full' } })
      expect(await post()).toMatchObject({ ok: true })
    } finally {
      await hooked.close()
    }
  })
})
