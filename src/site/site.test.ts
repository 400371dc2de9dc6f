import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startReferenceSite, type ReferenceSite } from './server'

let dir: string
let site: ReferenceSite
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopij-site-'))
  site = await startReferenceSite({ dataDir: dir, token: 'secret-token' })
})
afterEach(async () => {
  await site.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const api = (method: string, p: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${site.apiUrl}${p}`, {
    method,
    headers: { authorization: 'Bearer secret-token', 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })

const json = async (response: Response | Promise<Response>): Promise<any> => (await response).json()

const article = (extra: object = {}) => ({ slug: 'over-acupunctuur', title: 'Over acupunctuur', html: '<p>Tekst</p>', excerpt: 'Kort', status: 'published', ...extra })
const id = '5e3d7f0a-9c1b-4f7e-8a2d-3b6c1e0f9a41'

describe('the reference site of the export API', () => {
  it('refuses requests without a valid bearer token, as problem+json', async () => {
    const response = await fetch(`${site.apiUrl}/me`, { headers: { authorization: 'Bearer wrong' } })
    expect(response.status).toBe(401)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect(await json(response)).toMatchObject({ type: '/problems/unauthorized', status: 401 })
    expect(await json(api('GET', '/me'))).toEqual({ name: 'editor', site: 'Kopij reference site' })
  })

  it('upserts under the client id: created once, updated with If-Match, 412 with the site version on a stale one', async () => {
    const created = await api('PUT', `/articles/${id}`, article(), { 'if-none-match': '*' })
    expect(created.status).toBe(201)
    const etag = created.headers.get('etag')!
    expect(await api('PUT', `/articles/${id}`, article(), { 'if-none-match': '*' }).then((r) => r.status)).toBe(412)
    const updated = await api('PUT', `/articles/${id}`, article({ title: 'Nieuw' }), { 'if-match': etag })
    expect(updated.status).toBe(200)
    const stale = await api('PUT', `/articles/${id}`, article({ title: 'Oud' }), { 'if-match': etag })
    expect(stale.status).toBe(412)
    expect(await json(stale)).toMatchObject({ type: '/problems/precondition-failed', current: { title: 'Nieuw', version: 2 } })
    expect(site.store.stats()).toEqual({ articles: 1, creations: 1, duplicateCreations: 0 })
  })

  it('answers a repeated Idempotency-Key with the first answer instead of acting twice', async () => {
    const headers = { 'if-none-match': '*', 'idempotency-key': 'key-1' }
    const first = await api('PUT', `/articles/${id}`, article(), headers)
    const again = await api('PUT', `/articles/${id}`, article(), headers)
    expect([first.status, again.status]).toEqual([201, 201])
    expect(again.headers.get('idempotent-replay')).toBe('true')
    expect((await json(again)).version).toBe(1)
    const reused = await api('PUT', `/articles/${id}`, article({ title: 'Anders' }), headers)
    expect(reused.status).toBe(422)
  })

  it('validates bodies, lists changes since a time, and unpublishes', async () => {
    expect((await api('PUT', `/articles/${id}`, { title: 'x' })).status).toBe(422)
    const bad = await fetch(`${site.apiUrl}/articles/${id}`, { method: 'PUT', headers: { authorization: 'Bearer secret-token' }, body: '<html>' })
    expect(bad.status).toBe(400)
    await api('PUT', `/articles/${id}`, article())
    await api('PUT', '/articles/other', article({ slug: 'ander' }))
    expect((await api('PUT', '/articles/third', article())).status).toBe(409)
    const changed = await json(api('GET', '/articles?changedSince=2000-01-01T00:00:00Z&limit=1'))
    expect(changed.items).toHaveLength(1)
    const rest = await json(api('GET', `/articles?after=${changed.next}`))
    expect(rest.items.map((a: { id: string }) => a.id)).toEqual(['other'])
    expect((await api('DELETE', `/articles/${id}`)).status).toBe(200)
    expect((await fetch(`${site.url}/over-acupunctuur/`)).status).toBe(404)
    expect((await api('DELETE', '/articles/never')).status).toBe(404)
  })

  it('shows published articles with approved comments and a form; moderation checks the expected status', async () => {
    await api('PUT', `/articles/${id}`, article())
    const form = new URLSearchParams({ author: 'Lezer', email: 'l@example.invalid', comment: 'Mooi <b>stuk</b>' })
    const posted = await fetch(`${site.url}/over-acupunctuur/comments`, { method: 'POST', body: form, redirect: 'manual' })
    expect(posted.status).toBe(303)
    const pending = await json(api('GET', '/comments?status=pending'))
    expect(pending.items).toHaveLength(1)
    const commentId = pending.items[0].id
    expect(await (await fetch(`${site.url}/over-acupunctuur/`)).text()).not.toContain('Mooi')
    const wrong = await api('PUT', `/comments/${commentId}/moderation`, { status: 'approved', expected: 'spam' })
    expect(wrong.status).toBe(409)
    expect(await json(wrong)).toMatchObject({ current: { status: 'pending' } })
    expect((await api('PUT', `/comments/${commentId}/moderation`, { status: 'approved', expected: 'pending' })).status).toBe(200)
    expect((await api('PUT', `/comments/${commentId}/moderation`, { status: 'approved', expected: 'pending' })).status).toBe(200)
    const reply = { articleId: id, parentId: commentId, authorName: 'Redactie', text: 'Dank je.' }
    expect((await api('PUT', '/comments/reply-1', reply)).status).toBe(201)
    expect((await api('PUT', '/comments/reply-1', reply)).status).toBe(200)
    const page = await fetch(`${site.url}/over-acupunctuur/`)
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'")
    const html = await page.text()
    expect(html).toContain('Mooi &lt;b&gt;stuk&lt;/b&gt;')
    expect(html).toContain('Redactie (redactie)')
    expect(html).toContain('<form method="post" action="/over-acupunctuur/comments">')
  })

  it('injects faults on request: errors, 429 with Retry-After, a page instead of JSON, a login redirect', async () => {
    site.setFaults({ rateLimitRate: 1, retryAfterSeconds: 7 })
    const limited = await api('GET', '/me')
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '7'])
    site.setFaults({ errorRate: 1 })
    expect([500, 502, 503]).toContain((await api('GET', '/me')).status)
    site.setFaults({ mode: 'html' })
    expect((await api('GET', '/me')).headers.get('content-type')).toContain('text/html')
    site.setFaults({ mode: 'login-redirect' })
    const redirected = await fetch(`${site.apiUrl}/me`, { redirect: 'manual' })
    expect(redirected.headers.get('location')).toContain('/login')
    site.setFaults({ dropAfterCommitRate: 1 })
    await expect(api('PUT', `/articles/${id}`, article())).rejects.toThrow()
    site.setFaults({})
    expect((await json(api('GET', `/articles/${id}`))).title).toBe('Over acupunctuur')
  })
})
