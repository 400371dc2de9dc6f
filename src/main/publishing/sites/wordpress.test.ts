import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startKopij, type Kopij } from '../../kopij'
import { MemoryCredentialStore } from '../credentials'
import { articleFields, call, tempDir } from '../testing/fixtures'
import { HttpClient } from './http'
import { WordPressSite } from './wordpress'

const env = process.env
const base = env.WP_BASE_URL
const skipped = !base || !env.WP_USER || !env.WP_APP_PASSWORD
if (skipped) console.warn('WordPress tests skipped: WP_BASE_URL, WP_USER and WP_APP_PASSWORD are not set (.ci/run starts a WordPress and sets them).')

const run = Date.now().toString(36)
const admin = (method: string, p: string, body?: unknown) =>
  fetch(`${base}/wp-json/wp/v2${p}`, {
    method,
    headers: { authorization: `Basic ${Buffer.from(`${env.WP_ADMIN_USER}:${env.WP_ADMIN_APP_PASSWORD}`).toString('base64')}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }))

describe.skipIf(skipped)('a real WordPress (WP_BASE_URL)', () => {
  let dir: string
  let kopij: Kopij
  let siteId: string
  const idle = () => kopij.publishing.service.worker.whenIdle()
  const insert = (n: number, extra = {}) => kopij.archive.articles.insert(articleFields(n, { slug: `kopij-${run}-${n}`, title: `Kopij ${run} artikel ${n}`, ...extra }))
  async function publish(ids: string[], options: { remoteStatus?: 'publish' | 'draft' | 'future'; publishAt?: string } = {}) {
    const started = await call(kopij, 'publish.start', { siteId, articleIds: ids, ...options })
    expect(started.leftOut).toEqual([])
    await idle()
    return (await call(kopij, 'outbox.list', { batchId: started.batch!.id })).items
  }

  beforeAll(async () => {
    dir = tempDir('kopij-wordpress-')
    kopij = startKopij({ archivePath: path.join(dir, 'archive.sqlite'), host: 'cli', demo: false, credentials: new MemoryCredentialStore(), outbox: { backoff: { baseMs: 50, maxMs: 500 } } })
    siteId = (await call(kopij, 'sites.save', { site: { name: 'WordPress', kind: 'wordpress', baseUrl: base!, username: env.WP_USER!, secret: env.WP_APP_PASSWORD! } })).id
  })
  afterAll(() => {
    kopij?.close()
    if (dir) fs.rmSync(dir, { recursive: true, force: true })
  })

  it('tests the application password for real (a wrong one looks anonymous to WordPress)', async () => {
    expect(await call(kopij, 'sites.test', { id: siteId })).toMatchObject({ ok: true, code: 'ok', user: env.WP_USER })
    const wrong = await call(kopij, 'sites.test', { draft: { name: 'x', kind: 'wordpress', baseUrl: base!, username: env.WP_USER!, secret: 'abcd efgh ijkl mnop qrst uvwx' } })
    expect(wrong).toMatchObject({ ok: false, code: 'unauthorized' })
  })

  it('publishes with categories by path (made when missing) and tags, then updates the same post', async () => {
    const id = insert(1, { categoryPath: [`Behandelwijzen ${run}`, 'Acupunctuur & naalden'], tags: [`rugpijn-${run}`, 'NEJM'] }).id
    const [item] = await publish([id])
    expect(item).toMatchObject({ state: 'done', error: null })
    const post = (await admin('GET', `/posts/${item!.remoteId}?context=edit`)).body
    expect(post).toMatchObject({ status: 'publish', slug: `kopij-${run}-1` })
    expect(post.content.raw).toContain('<blockquote lang="en"><p>A quotation.</p></blockquote>')
    const category = (await admin('GET', `/categories/${post.categories[0]}`)).body
    expect(category.name).toBe('Acupunctuur &amp; naalden')
    expect((await admin('GET', `/categories/${category.parent}`)).body.name).toBe(`Behandelwijzen ${run}`)
    const tags = await Promise.all(post.tags.map(async (t: number) => (await admin('GET', `/tags/${t}`)).body.name))
    expect(tags.sort()).toEqual(['NEJM', `rugpijn-${run}`].sort())

    const article = kopij.archive.articles.get(id)
    kopij.archive.articles.save({ ...article, baseRevisionId: article.revisionId, title: `Kopij ${run} herzien` })
    const second = insert(2, { categoryPath: [`Behandelwijzen ${run}`, 'Acupunctuur & naalden'] }).id
    const [updated, other] = await publish([id, second])
    expect(updated).toMatchObject({ state: 'done', remoteId: item!.remoteId })
    expect((await admin('GET', `/posts/${item!.remoteId}?context=edit`)).body.title.raw).toBe(`Kopij ${run} herzien`)
    // The category made for the first post is found again, not made twice.
    expect((await admin('GET', `/posts/${other!.remoteId}`)).body.categories).toEqual(post.categories)
  })

  it('sees an edit on the site as a conflict, and keeps mine when asked', async () => {
    const id = insert(3).id
    const [first] = await publish([id])
    // WordPress keeps modification times in seconds: the edit on the site must land in a later second.
    await new Promise((resolve) => setTimeout(resolve, 1100))
    expect((await admin('POST', `/posts/${first!.remoteId}`, { title: 'Op de site bewerkt' })).status).toBe(200)
    const article = kopij.archive.articles.get(id)
    kopij.archive.articles.save({ ...article, baseRevisionId: article.revisionId, excerpt: 'Nieuw' })
    const [conflicted] = await publish([id])
    expect(conflicted).toMatchObject({ state: 'conflict', error: { code: 'conflict' } })
    const both = await call(kopij, 'conflicts.get', { itemId: conflicted!.id })
    expect(both.theirs?.title).toBe('Op de site bewerkt')
    await call(kopij, 'conflicts.resolve', { itemId: conflicted!.id, choice: 'keep-mine' })
    await idle()
    expect((await admin('GET', `/posts/${first!.remoteId}?context=edit`)).body.title.raw).toBe(`Kopij ${run} artikel 3`)
  })

  it('schedules a post for later, and keeps a draft a draft', async () => {
    const at = new Date(Date.now() + 3 * 86_400_000)
    at.setUTCMilliseconds(0)
    const [scheduled] = await publish([insert(4).id], { remoteStatus: 'future', publishAt: at.toISOString() })
    const post = (await admin('GET', `/posts/${scheduled!.remoteId}?context=edit`)).body
    expect(post.status).toBe('future')
    expect(`${post.date_gmt}Z`).toBe(at.toISOString().replace('.000', ''))
    const [draft] = await publish([insert(5).id], { remoteStatus: 'draft' })
    expect((await admin('GET', `/posts/${draft!.remoteId}?context=edit`)).body.status).toBe('draft')
  })

  it('adopts the post a create whose answer was lost made, instead of making a second one', async () => {
    const http = new HttpClient()
    const terms = { get: () => undefined, set: () => {} }
    const wp = new WordPressSite(base!, env.WP_USER!, env.WP_APP_PASSWORD!, http, terms)
    const article = insert(6)
    const payload = { articleId: article.id, revisionId: 1, title: article.title, slug: article.slug, html: '<p>Eén keer.</p>', excerpt: '', language: 'nl', categoryPath: [], tags: [], remoteStatus: 'publish' as const, publishAt: null }
    const signal = new AbortController().signal
    const first = await wp.publish(payload, null, { idempotencyKey: 'k', outcomeUnknown: false, signal })
    // The answer to that create never arrived: the retry does not know the post exists.
    const retried = await wp.publish(payload, null, { idempotencyKey: 'k', outcomeUnknown: true, signal })
    expect(retried.remoteId).toBe(first.remoteId)
    const same = (await admin('GET', `/posts?slug=${article.slug}&status=any&context=edit`)).body
    expect(same).toHaveLength(1)
    http.close()
  })

  it('pulls the site over REST: posts with their ids, categories, tags and comments', async () => {
    const [item] = await publish([insert(7, { categoryPath: [`Import ${run}`], tags: [`import-${run}`] }).id])
    const comment = await admin('POST', '/comments', { post: Number(item!.remoteId), author_name: 'Lezer', author_email: 'l@example.invalid', content: `Reactie ${run} &amp; meer`, status: 'approved' })
    expect(comment.status).toBe(201)
    const target = startKopij({ archivePath: path.join(dir, 'pulled.sqlite'), host: 'cli', demo: false, credentials: new MemoryCredentialStore() })
    try {
      const site = await call(target, 'sites.save', { site: { name: 'WordPress', kind: 'wordpress', baseUrl: base!, username: env.WP_USER!, secret: env.WP_APP_PASSWORD! } })
      const started = await call(target, 'import.start', { kind: 'wordpress', siteId: site.id })
      const done = await target.publishing.imports.whenDone(started.id)
      expect(done).toMatchObject({ state: 'done', error: null })
      expect(done.posts).toBeGreaterThanOrEqual(7)
      const found = target.archive.articles.resolve(`kopij-${run}-7`)
      expect(found).toMatchObject({ categoryPath: [`Import ${run}`], tags: [`import-${run}`], status: 'published' })
      expect(target.archive.library.commentsOf(found.id).map((c) => [c.authorName, c.text, c.status])).toEqual([['Lezer', `Reactie ${run} & meer`, 'approved']])
      // Imported articles keep their post ids: publishing one again updates that post.
      expect(target.publishing.service.outbox.remote(site.id, found.id)?.remoteId).toBe(item!.remoteId)
    } finally {
      target.close()
    }
  }, 60_000)

  it('an expired application password: a clear message on the item, the rest waiting, sent once it is replaced', async () => {
    await call(kopij, 'sites.save', { id: siteId, site: { name: 'WordPress', kind: 'wordpress', baseUrl: base!, username: env.WP_USER!, secret: 'aaaa bbbb cccc dddd eeee ffff' } })
    const ids = [8, 9, 10].map((n) => insert(n).id)
    const started = await call(kopij, 'publish.start', { siteId, articleIds: ids })
    await idle()
    const items = (await call(kopij, 'outbox.list', { batchId: started.batch!.id })).items
    const failed = items.filter((i) => i.state === 'failed')
    expect(failed.length).toBeGreaterThanOrEqual(1)
    expect(failed[0]!.error).toMatchObject({ code: 'unauthorized', httpStatus: 401, willRetry: false })
    expect((await call(kopij, 'sites.list', {}))[0]!.problem?.code).toBe('unauthorized')
    await call(kopij, 'sites.save', { id: siteId, site: { name: 'WordPress', kind: 'wordpress', baseUrl: base!, username: env.WP_USER!, secret: env.WP_APP_PASSWORD! } })
    await idle()
    expect((await call(kopij, 'outbox.list', { batchId: started.batch!.id })).items.map((i) => i.state)).toEqual(['done', 'done', 'done'])
  })
})
