import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startKopij, type Kopij } from '../kopij'
import { MemoryCredentialStore } from '../publishing/credentials'
import { articleFields, call, tempDir } from '../publishing/testing/fixtures'

const env = process.env
const base = env.WP_BASE_URL
const skipped = !base || !env.WP_USER || !env.WP_APP_PASSWORD || !env.WP_ADMIN_APP_PASSWORD
if (skipped) console.warn('WordPress comment tests skipped: WP_BASE_URL and its credentials are not set (.ci/run starts a WordPress with WP_ANON_REST_COMMENTS=1 and WP_NO_COMMENT_FLOOD=1).')

const run = `c${Date.now().toString(36)}`
const wp = (method: string, p: string, body?: unknown, as: 'admin' | 'visitor' = 'admin') =>
  fetch(`${base}/wp-json/wp/v2${p}`, {
    method,
    headers: {
      ...(as === 'admin' ? { authorization: `Basic ${Buffer.from(`${env.WP_ADMIN_USER}:${env.WP_ADMIN_APP_PASSWORD}`).toString('base64')}` } : {}),
      'content-type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }))

describe.skipIf(skipped)('comments on a real WordPress (WP_BASE_URL)', () => {
  let dir: string
  let kopij: Kopij
  let siteId: string
  let postId: number
  const credentials = new MemoryCredentialStore()
  const options = () => ({ archivePath: path.join(dir, 'archive.sqlite'), host: 'cli' as const, demo: false, credentials, outbox: { backoff: { baseMs: 50, maxMs: 300 } } })
  const idle = () => kopij.publishing.service.worker.whenIdle()
  const wpStatus = async (id: number) => (await wp('GET', `/comments/${id}?context=edit`)).body.status
  /** A visitor's comment, posted anonymously over REST as a reader's browser would (WordPress holds it). */
  const visitor = async (name: string, content: string) => {
    const posted = await wp('POST', '/comments', { post: postId, author_name: name, author_email: `${name.toLowerCase()}@example.org`, content }, 'visitor')
    expect(posted.status, JSON.stringify(posted.body)).toBe(201)
    return posted.body.id as number
  }
  const local = async (author: string) => (await call(kopij, 'comments.list', { status: 'all', query: author })).items.find((c) => c.authorName === author)!
  async function until(check: () => Promise<boolean>) {
    for (let i = 0; i < 100 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 100))
    expect(await check()).toBe(true)
  }

  beforeAll(async () => {
    dir = tempDir('kopij-wp-comments-')
    kopij = startKopij(options())
    siteId = (await call(kopij, 'sites.save', { site: { name: 'WordPress', kind: 'wordpress', baseUrl: base!, username: env.WP_USER!, secret: env.WP_APP_PASSWORD! } })).id
    const articleId = kopij.archive.articles.insert(articleFields(1, { slug: `reacties-${run}`, title: `Reacties ${run}` })).id
    const started = await call(kopij, 'publish.start', { siteId, articleIds: [articleId] })
    await idle()
    postId = Number((await call(kopij, 'outbox.list', { batchId: started.batch!.id })).items[0]!.remoteId)
  })
  afterAll(() => {
    kopij?.close()
    if (dir) fs.rmSync(dir, { recursive: true, force: true })
  })

  it('syncs held visitor comments with their post, threads and e-mail; what an editor smuggled in is sanitized', async () => {
    const first = await visitor(`Anna${run}`, 'Heeft iemand de <a href="https://www.nejm.org/">studie</a> gelezen?')
    await wp('POST', '/comments', { post: postId, parent: first, author_name: `Bram${run}`, author_email: 'bram@example.org', content: 'Ja, en ik twijfel.' }, 'visitor')
    // An administrator may post unfiltered HTML: WordPress keeps the script, Kopij must not.
    await wp('POST', '/comments', { post: postId, content: `Beheer ${run} <script>window.__pwned=1</script><img src=x onerror=alert(1)>`, status: 'hold' })
    const synced = await call(kopij, 'comments.sync', { siteId })
    expect(synced.sites[0]).toMatchObject({ ok: true, added: 3 })
    const anna = await local(`Anna${run}`)
    expect(anna).toMatchObject({ status: 'pending', siteStatus: 'pending', onSite: true, hasEmail: true })
    expect(anna.hints.map((h) => h.code)).toEqual(['links', 'first-time'])
    expect((await call(kopij, 'comments.get', { id: anna.id })).comment.html).toContain('<a href="https://www.nejm.org/" rel="nofollow ugc noopener">studie</a>')
    expect(await call(kopij, 'comments.email', { id: anna.id })).toEqual({ email: `anna${run}@example.org` })
    expect((await local(`Bram${run}`)).parentId).toBe(anna.id)
    const admin = (await call(kopij, 'comments.list', { status: 'all', query: `Beheer ${run}` })).items[0]!
    const shown = (await call(kopij, 'comments.get', { id: admin.id })).comment.html
    expect(shown).not.toMatch(/script|onerror|<img/)
    expect(admin.byEditor).toBe(true)
    expect((await call(kopij, 'comments.sync', { siteId })).sites[0]).toMatchObject({ added: 0 })
  })

  it('approves, marks spam and trashes on the site; a reply approves its parent', async () => {
    const ids = { approve: await visitor(`Cor${run}`, 'Goed artikel.'), spam: await visitor(`Dirk${run}`, 'Koop nu!'), trash: await visitor(`Eva${run}`, 'Weg ermee.'), reply: await visitor(`Fien${run}`, 'Ook bij nekpijn?') }
    await call(kopij, 'comments.sync', { siteId })
    await call(kopij, 'comments.moderate', { ids: [(await local(`Cor${run}`)).id], status: 'approved' })
    await call(kopij, 'comments.moderate', { ids: [(await local(`Dirk${run}`)).id], status: 'spam' })
    await call(kopij, 'comments.moderate', { ids: [(await local(`Eva${run}`)).id], status: 'trash' })
    const reply = await call(kopij, 'comments.reply', { parentId: (await local(`Fien${run}`)).id, text: `Daar is minder onderzoek naar (${run}).` })
    await idle()
    expect([await wpStatus(ids.approve), await wpStatus(ids.spam), await wpStatus(ids.trash), await wpStatus(ids.reply)]).toEqual(['approved', 'spam', 'trash', 'approved'])
    const onSite = (await wp('GET', `/comments?post=${postId}&parent=${ids.reply}&context=edit`)).body
    expect(onSite).toHaveLength(1)
    expect(onSite[0]).toMatchObject({ author_name: env.WP_USER, status: 'approved' })
    expect(onSite[0].content.raw).toBe(`Daar is minder onderzoek naar (${run}).`)
    expect((await call(kopij, 'comments.get', { id: reply.id })).comment).toMatchObject({ onSite: true, siteStatus: 'approved', delivery: { state: 'done' } })

    const edited = await call(kopij, 'comments.edit', { id: (await local(`Cor${run}`)).id, text: 'Goed artikel!', note: 'Leesteken' })
    await idle()
    expect((await wp('GET', `/comments/${ids.approve}?context=edit`)).body.content.raw).toBe('Goed artikel!')
    expect(edited.edited).toBe(true)
    await call(kopij, 'comments.delete', { ids: [(await local(`Eva${run}`)).id] })
    await idle()
    expect((await wp('GET', `/comments/${ids.trash}?context=edit`)).status).toBe(404)
  })

  it('turns a status changed on the site first into a conflict showing both', async () => {
    const id = await visitor(`Gijs${run}`, 'Twijfelachtig.')
    await call(kopij, 'comments.sync', { siteId })
    await wp('POST', `/comments/${id}`, { status: 'spam' })
    const mine = await local(`Gijs${run}`)
    await call(kopij, 'comments.moderate', { ids: [mine.id], status: 'approved' })
    await idle()
    const detail = await call(kopij, 'comments.get', { id: mine.id })
    expect(detail.conflict).toMatchObject({ mine: { status: 'approved' }, theirs: { status: 'spam' } })
    expect(await wpStatus(id)).toBe('spam')
    await call(kopij, 'comments.resolve', { id: mine.id, choice: 'keep-mine' })
    await idle()
    expect(await wpStatus(id)).toBe('approved')
  })

  it('keeps decisions made offline across a restart and sends them once the site answers', async () => {
    const id = await visitor(`Hans${run}`, 'Offline gemodereerd.')
    await call(kopij, 'comments.sync', { siteId })
    const mine = await local(`Hans${run}`)
    // Offline: the site's address answers nothing.
    await call(kopij, 'sites.save', { id: siteId, site: { name: 'WordPress', kind: 'wordpress', baseUrl: 'http://127.0.0.1:9', username: env.WP_USER! } })
    await call(kopij, 'comments.moderate', { ids: [mine.id], status: 'approved' })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect((await call(kopij, 'comments.get', { id: mine.id })).comment).toMatchObject({ status: 'approved', delivery: { state: 'queued' } })
    kopij.close()
    kopij = startKopij(options())
    expect((await call(kopij, 'comments.get', { id: mine.id })).comment).toMatchObject({ status: 'approved', siteStatus: 'pending' })
    await call(kopij, 'sites.save', { id: siteId, site: { name: 'WordPress', kind: 'wordpress', baseUrl: base!, username: env.WP_USER! } })
    kopij.publishing.service.worker.poke()
    await until(async () => (await wpStatus(id)) === 'approved')
    await until(async () => (await call(kopij, 'comments.get', { id: mine.id })).comment.siteStatus === 'approved')
  })
})
