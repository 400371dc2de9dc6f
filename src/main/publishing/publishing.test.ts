import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { FileCredentialStore } from './credentials'
import { articleFields, call, tempDir, world, type World } from './testing/fixtures'

let w: World | undefined
afterEach(async () => {
  await w?.close()
  w = undefined
})

const fast = { kopij: { outbox: { backoff: { baseMs: 20, maxMs: 200 } } } }
const idle = () => w!.kopij.publishing.service.worker.whenIdle()
const insert = (n: number, extra = {}) => w!.kopij.archive.articles.insert(articleFields(n, extra))

async function publish(ids: string[]) {
  const started = await call(w!.kopij, 'publish.start', { siteId: w!.siteId, articleIds: ids })
  await idle()
  return started
}

describe('publishing to a site of the export API', () => {
  it('publishes a batch, then updates an article edited since, and the site shows the page', async () => {
    w = await world(fast)
    const ids = [1, 2, 3].map((n) => insert(n).id)
    const events: string[] = []
    w.kopij.events.subscribe((name) => events.push(name))
    const started = await publish(ids)
    expect(started.leftOut).toEqual([])
    expect(await call(w.kopij, 'publish.batch', { batchId: started.batch!.id })).toMatchObject({ total: 3, counts: { done: 3 }, finished: true })
    expect(events).toContain('publish.progress')
    expect(events).toContain('outbox.changed')
    const html = await (await fetch(`${w.site.url}/artikel-2/`)).text()
    expect(html).toContain('<h1>Artikel 2: acupunctuur en rugpijn</h1>')
    expect(html).toContain('<blockquote lang="en"><p>A quotation.</p></blockquote>')

    const article = w.kopij.archive.articles.get(ids[1]!)
    w.kopij.archive.articles.save({ ...article, baseRevisionId: article.revisionId, title: 'Artikel 2, herzien' })
    const check = await call(w.kopij, 'publishing.preflight', { siteId: w.siteId, articleIds: [ids[1]!] })
    expect(check.items[0]).toMatchObject({ update: true, blocked: false })
    await publish([ids[1]!])
    expect(w.site.store.article(ids[1]!)).toMatchObject({ title: 'Artikel 2, herzien', version: 2 })
    expect(w.site.store.stats()).toEqual({ articles: 3, creations: 3, duplicateCreations: 0 })
    const items = await call(w.kopij, 'outbox.list', { articleId: ids[1]! })
    expect(items.items.map((i) => [i.state, i.remoteUrl])).toEqual([
      ['done', `${w.site.url}/artikel-2/`],
      ['done', `${w.site.url}/artikel-2/`],
    ])
  })

  it('blocks what pre-flight finds, and publishes the rest', async () => {
    w = await world(fast)
    const good = insert(1).id
    const untitled = insert(2, { title: '', slug: '' }).id
    const draft = insert(3, { status: 'draft', excerpt: '' }).id
    const warnings = (await call(w.kopij, 'publishing.preflight', { siteId: w.siteId, articleIds: [draft] })).items[0]!.findings
    expect(warnings.map((f) => [f.severity, f.code])).toEqual([['warning', 'not-ready'], ['warning', 'no-excerpt']])
    const result = await call(w.kopij, 'publish.start', { siteId: w.siteId, articleIds: [good, untitled, draft] })
    expect(result.leftOut.map((i) => [i.articleId, i.findings.filter((f) => f.severity === 'block').map((f) => f.code)])).toEqual([
      [untitled, ['missing-title', 'missing-slug']],
    ])
    expect(result.items).toHaveLength(2)
    const again = await call(w.kopij, 'publishing.preflight', { siteId: w.siteId, articleIds: [good] })
    expect(again.items[0]!.findings.map((f) => f.code)).toEqual(['already-queued'])
    const future = await call(w.kopij, 'publishing.preflight', { siteId: w.siteId, articleIds: [draft], remoteStatus: 'future' })
    expect(future.items[0]!.findings.map((f) => f.code)).toContain('publish-at-missing')
  })

  it('sees an edit on the site as a conflict: keep mine, or take the site version as a new revision', async () => {
    w = await world(fast)
    const id = insert(1).id
    await publish([id])
    const onSite = w.site.store.article(id)!
    const edit = (title: string) =>
      fetch(`${w!.site.apiUrl}/articles/${id}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${w!.site.token}`, 'content-type': 'application/json', 'if-match': w!.site.store.article(id)!.etag },
        body: JSON.stringify({ slug: onSite.slug, title, html: '<p>Op de site <em>bewerkt</em>.</p><script>alert(1)</script>', excerpt: '', status: 'published' }),
      })
    expect((await edit('Bewerkt op de site')).status).toBe(200)
    const article = w.kopij.archive.articles.get(id)
    w.kopij.archive.articles.save({ ...article, baseRevisionId: article.revisionId, excerpt: 'Mijn nieuwe samenvatting' })
    const first = await publish([id])
    const conflicted = (await call(w.kopij, 'outbox.list', { batchId: first.batch!.id })).items[0]!
    expect(conflicted).toMatchObject({ state: 'conflict', error: { code: 'conflict' } })
    expect((await call(w.kopij, 'publishing.preflight', { siteId: w.siteId, articleIds: [id] })).items[0]!.findings.map((f) => f.code)).toContain('conflict-pending')
    const both = await call(w.kopij, 'conflicts.get', { itemId: conflicted.id })
    expect(both.theirs).toMatchObject({ title: 'Bewerkt op de site', html: '<p>Op de site <em>bewerkt</em>.</p>' })
    expect(both.mine.excerpt).toBe('Mijn nieuwe samenvatting')
    await call(w.kopij, 'conflicts.resolve', { itemId: conflicted.id, choice: 'keep-mine' })
    await idle()
    expect(w.site.store.article(id)).toMatchObject({ title: 'Artikel 1: acupunctuur en rugpijn', excerpt: 'Mijn nieuwe samenvatting' })

    expect((await edit('Weer bewerkt op de site')).status).toBe(200)
    const second = await publish([id])
    const again = (await call(w.kopij, 'outbox.list', { batchId: second.batch!.id })).items[0]!
    expect(again.state).toBe('conflict')
    const resolved = await call(w.kopij, 'conflicts.resolve', { itemId: again.id, choice: 'take-theirs' })
    expect(resolved.item.state).toBe('done')
    const taken = w.kopij.archive.articles.get(id)
    expect(taken).toMatchObject({ title: 'Weer bewerkt op de site', revisionId: resolved.articleRevisionId })
    expect(JSON.stringify(taken.doc)).toContain('bewerkt')
    expect(JSON.stringify(taken.doc)).not.toContain('alert')
    // The site's version is now the one Kopij has seen: the next publish is an ordinary update.
    await publish([id])
    expect(w.site.store.article(id)!.title).toBe('Weer bewerkt op de site')
  })

  it('cancels what a batch has not sent yet, and retries it later', async () => {
    w = await world({ ...fast, faults: { latencyMs: 150 }, kopij: { outbox: { concurrency: 1, backoff: { baseMs: 20, maxMs: 200 } } } })
    const ids = [1, 2, 3, 4, 5].map((n) => insert(n).id)
    const started = await call(w.kopij, 'publish.start', { siteId: w.siteId, articleIds: ids })
    const cancelled = await call(w.kopij, 'publish.cancel', { batchId: started.batch!.id })
    expect(cancelled.counts.failed).toBeGreaterThanOrEqual(4)
    await idle()
    const failed = (await call(w.kopij, 'outbox.list', { batchId: started.batch!.id, states: ['failed'] })).items
    expect(failed.every((i) => i.error?.code === 'cancelled')).toBe(true)
    expect(await call(w.kopij, 'publish.retry', { batchId: started.batch!.id })).toEqual({ requeued: failed.length })
    await idle()
    expect((await call(w.kopij, 'publish.batch', { batchId: started.batch!.id })).counts).toMatchObject({ done: 5, failed: 0 })
  })

  it('unpublishes articles published before, and refuses those never published', async () => {
    w = await world(fast)
    const [published, never] = [insert(1).id, insert(2).id]
    await publish([published])
    await expect(call(w.kopij, 'publish.unpublish', { siteId: w.siteId, articleIds: [never] })).rejects.toThrow(/Never published/)
    await call(w.kopij, 'publish.unpublish', { siteId: w.siteId, articleIds: [published] })
    await idle()
    expect(w.site.store.article(published)!.status).toBe('unpublished')
    expect((await fetch(`${w.site.url}/artikel-1/`)).status).toBe(404)
  })
})

describe('a site that answers badly', () => {
  async function sendTwo() {
    const ids = [1, 2].map((n) => insert(n).id)
    const started = await call(w!.kopij, 'publish.start', { siteId: w!.siteId, articleIds: ids })
    await idle()
    await new Promise((resolve) => setTimeout(resolve, 300))
    return (await call(w!.kopij, 'outbox.list', { batchId: started.batch!.id })).items
  }

  it.each([
    ['html', 'not-an-api', /web page instead of data: Welkom op onze site/],
    ['login-redirect', 'redirected', /to a login page/],
    ['unauthorized', 'unauthorized', /password may be wrong, expired or revoked/],
  ] as const)('%s: a clear message on the item, the site held, the rest waiting, no retry storm', async (mode, code, message) => {
    // One item in flight at a time, so the second is seen waiting behind the site's problem.
    w = await world({ faults: { mode }, kopij: { outbox: { concurrency: 1, backoff: { baseMs: 20, maxMs: 200 } } } })
    const items = await sendTwo()
    const failed = items.filter((i) => i.state === 'failed')
    expect(failed).toHaveLength(1)
    expect(failed[0]!.error).toMatchObject({ code, willRetry: false })
    expect(failed[0]!.error!.message).toMatch(message)
    expect(items.filter((i) => i.state === 'queued')).toHaveLength(1)
    expect(w.site.apiRequests).toBe(1)
    const site = (await call(w.kopij, 'sites.list', {}))[0]!
    expect(site.problem).toMatchObject({ code })
    expect((await call(w.kopij, 'publishing.preflight', { siteId: w.siteId, articleIds: [items[0]!.articleId] })).siteFindings[0]!.code).toBe('site-problem')

    // The editor fixes the site (here: the site itself recovers and the token is entered again): both go out.
    w.site.setFaults({})
    await call(w.kopij, 'sites.save', { id: w.siteId, site: { name: site.name, kind: 'kopij-api', baseUrl: site.baseUrl, secret: w.site.token } })
    await idle()
    expect((await call(w.kopij, 'outbox.list', { siteId: w.siteId })).items.map((i) => i.state)).toEqual(['done', 'done'])
  })

  it('a 10 MB error page: read in part, a short message, retried with backoff', async () => {
    w = await world({ ...fast, faults: { mode: 'huge-error' } })
    const items = await sendTwo()
    for (const item of items) {
      expect(item.error).toMatchObject({ code: 'server-error', httpStatus: 500, willRetry: true })
      expect(item.error!.message.length).toBeLessThan(400)
    }
    // 300 ms with backoff from 20 ms capped at 200 ms: a handful of tries each, not hundreds.
    expect(w.site.apiRequests).toBeLessThan(30)
    w.site.setFaults({})
    await new Promise((resolve) => setTimeout(resolve, 250))
    await idle()
    expect((await call(w.kopij, 'outbox.list', { siteId: w.siteId })).items.map((i) => i.state)).toEqual(['done', 'done'])
  })
})

describe('sites', () => {
  it('keeps secrets out of the archive, tests credentials for real, and refuses plain http beyond loopback', async () => {
    w = await world(fast)
    const listed = await call(w.kopij, 'sites.list', {})
    expect(listed[0]).toMatchObject({ name: 'Referentie', kind: 'kopij-api', hasSecret: true })
    expect(JSON.stringify(listed)).not.toContain(w.site.token)
    const raw = fs.readFileSync(path.join(w.dir, 'archive.sqlite'))
    expect(raw.includes(Buffer.from(w.site.token))).toBe(false)
    expect(await call(w.kopij, 'sites.test', { id: w.siteId })).toMatchObject({ ok: true, user: 'editor' })
    expect(await call(w.kopij, 'sites.test', { draft: { name: 'x', kind: 'kopij-api', baseUrl: w.site.apiUrl, secret: 'wrong' } })).toMatchObject({ ok: false, code: 'unauthorized' })
    expect(await call(w.kopij, 'sites.test', { draft: { name: 'x', kind: 'kopij-api', baseUrl: 'http://127.0.0.1:1', secret: 'x' } })).toMatchObject({ ok: false, code: 'network' })
    await expect(call(w.kopij, 'sites.save', { site: { name: 'Ver weg', kind: 'wordpress', baseUrl: 'http://example.org', username: 'a', secret: 'b' } })).rejects.toThrow(/Plain http/)
    await expect(call(w.kopij, 'sites.save', { site: { name: 'referentie', kind: 'kopij-api', baseUrl: 'https://example.org' } })).rejects.toThrow(/already a site/)
    await call(w.kopij, 'sites.remove', { id: w.siteId })
    expect(w.credentials.get(w.siteId)).toBeUndefined()
    expect(await call(w.kopij, 'sites.list', {})).toEqual([])
  })

  it('the file store keeps secrets in a file only its user can read', () => {
    const dir = tempDir('kopij-credentials-')
    const store = FileCredentialStore.besideArchive(path.join(dir, 'archive.sqlite'))
    store.set('a', 'geheim')
    store.set('b', 'ook geheim')
    store.delete('a')
    expect(store.get('b')).toBe('ook geheim')
    expect(store.get('a')).toBeUndefined()
    expect(fs.statSync(store.file).mode & 0o777).toBe(0o600)
    expect(store.description).toContain(store.file)
    fs.rmSync(dir, { recursive: true, force: true })
  })
})
