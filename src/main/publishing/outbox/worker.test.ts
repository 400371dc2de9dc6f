import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Archive } from '../../archive'
import { SendError, type ArticlePayload, type RemoteRecord, type SendContext, type SiteAdapter } from '../sites/adapter'
import { SiteStore } from '../sites/store'
import { articleFields, tempDir } from '../testing/fixtures'
import { backoffDelay, ManualClock } from './clock'
import { OutboxStore } from './store'
import { OutboxWorker } from './worker'

/** A site whose answers the test scripts, one per call, recording what it was sent. */
class ScriptedSite implements SiteAdapter {
  calls: { articleId: string; context: Omit<SendContext, 'signal'>; at: number }[] = []
  constructor(
    private readonly clock: ManualClock,
    public script: (n: number, payload: ArticlePayload) => RemoteRecord | SendError,
  ) {}
  test = async () => ({ ok: true, code: 'ok', message: 'ok' })
  publish = async (payload: ArticlePayload, _known: RemoteRecord | null, context: SendContext) => {
    this.calls.push({ articleId: payload.articleId, context: { idempotencyKey: context.idempotencyKey, outcomeUnknown: context.outcomeUnknown }, at: this.clock.now() })
    const answer = this.script(this.calls.length, payload)
    if (answer instanceof SendError) throw answer
    return answer
  }
  unpublish = async (known: RemoteRecord) => known
  fetch = async () => null
  close = () => {}
}

const ok = (payload: ArticlePayload): RemoteRecord => ({ remoteId: payload.articleId, remoteUrl: null, remoteModified: null, etag: '"1"', remoteStatus: 'published' })

let dir: string
let archive: Archive
let clock: ManualClock
let outbox: OutboxStore
let sites: SiteStore
let siteId: string
beforeEach(() => {
  dir = tempDir('kopij-worker-')
  clock = new ManualClock()
  archive = Archive.open(path.join(dir, 'archive.sqlite'), { now: () => new Date(clock.now()) })
  outbox = new OutboxStore(archive.db, () => new Date(clock.now()))
  sites = new SiteStore(archive.db, () => new Date(clock.now()))
  siteId = sites.save(undefined, { name: 'Test', kind: 'kopij-api', baseUrl: 'http://127.0.0.1:9', username: '' }).id
})
afterEach(() => {
  archive.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

function queue(n: number): string[] {
  return archive.transaction(() =>
    Array.from({ length: n }, (_, i) => {
      const article = archive.articles.insert(articleFields(i + 1))
      const payload = { articleId: article.id, revisionId: article.revisionId, title: article.title, slug: article.slug, html: '<p>x</p>', excerpt: '', language: 'nl', categoryPath: [], tags: [], remoteStatus: 'publish', publishAt: null }
      return outbox.enqueue(siteId, null, [{ kind: 'article.publish', articleId: article.id, title: article.title, revisionId: article.revisionId, remoteStatus: 'publish', payload }])[0]!.id
    }),
  )
}

function worker(site: SiteAdapter, extra: Partial<ConstructorParameters<typeof OutboxWorker>[0]> = {}) {
  return new OutboxWorker({
    store: outbox,
    adapterFor: () => site,
    siteProblem: (id, problem) => sites.setProblem(id, problem),
    clock,
    random: () => 0.5,
    flushWindowMs: 0,
    ...extra,
  })
}

/** Lets answers land (promises, setImmediate) without moving the clock. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve))
}

describe('the outbox worker', () => {
  it('backs off exponentially with full jitter, capped', () => {
    const policy = { baseMs: 1000, maxMs: 60_000 }
    expect(backoffDelay(1, policy, () => 0.999)).toBe(999)
    expect(backoffDelay(4, policy, () => 0.999)).toBe(7992)
    expect(backoffDelay(20, policy, () => 0.999)).toBe(59_940)
    expect(backoffDelay(3, policy, () => 0)).toBe(0)
  })

  it('retries a server error after a jittered backoff with the same idempotency key, marked as possibly received', async () => {
    const [id] = queue(1)
    const site = new ScriptedSite(clock, (n, p) => (n === 1 ? new SendError('server-error', 'HTTP 502', 'backoff', { sent: true }) : ok(p)))
    const w = worker(site)
    w.start()
    await settle()
    const item = outbox.item(id!)
    expect(item).toMatchObject({ state: 'queued', attempts: 1, error: { code: 'server-error', willRetry: true } })
    // random() = 0.5 of min(max, 1000·2^0): due in 500 ms, and not before.
    clock.advance(499)
    await settle()
    expect(site.calls).toHaveLength(1)
    clock.advance(1)
    await settle()
    expect(site.calls).toHaveLength(2)
    expect(site.calls[1]!.context).toEqual({ idempotencyKey: site.calls[0]!.context.idempotencyKey, outcomeUnknown: true })
    expect(outbox.item(id!)).toMatchObject({ state: 'done', attempts: 2, error: null })
    w.halt()
  })

  it('honours Retry-After, and a 429 does not count towards giving up', async () => {
    const [id] = queue(1)
    const site = new ScriptedSite(clock, (n, p) => (n <= 12 ? new SendError('rate-limited', 'slow down', 'backoff', { retryAfterMs: 30_000 }) : ok(p)))
    const w = worker(site, { maxServerFailures: 3 })
    w.start()
    for (let i = 0; i < 12; i++) {
      await settle()
      clock.advance(29_999)
      await settle()
      expect(site.calls).toHaveLength(i + 1)
      clock.advance(1)
    }
    await settle()
    expect(site.calls).toHaveLength(13)
    expect(outbox.item(id!).state).toBe('done')
    w.halt()
  })

  it('does not retry a permanent error, and gives up on a server that keeps failing', async () => {
    const [rejected, failing] = queue(2)
    const site = new ScriptedSite(clock, (_n, p) =>
      p.articleId === outbox.row(rejected!).article_id ? new SendError('rejected', 'HTTP 422: bad slug', 'never', { httpStatus: 422 }) : new SendError('server-error', 'HTTP 500', 'backoff'),
    )
    const w = worker(site, { maxServerFailures: 4 })
    w.start()
    for (let i = 0; i < 10; i++) {
      await settle()
      clock.advance(120_000)
    }
    await settle()
    expect(outbox.item(rejected!)).toMatchObject({ state: 'failed', attempts: 1, error: { code: 'rejected', willRetry: false, httpStatus: 422 } })
    expect(outbox.item(failing!)).toMatchObject({ state: 'failed', attempts: 4, error: { code: 'server-error', willRetry: false } })
    expect(site.calls.filter((c) => c.articleId === outbox.row(rejected!).article_id)).toHaveLength(1)
    w.halt()
  })

  it('waits for an unreachable site without giving up, and sends when it answers again', async () => {
    const [id] = queue(1)
    let online = false
    const site = new ScriptedSite(clock, (_n, p) => (online ? ok(p) : new SendError('network', 'refused', 'wait', { sent: false })))
    const w = worker(site, { maxServerFailures: 2 })
    w.start()
    for (let i = 0; i < 20; i++) {
      await settle()
      clock.advance(60_000)
    }
    await settle()
    expect(outbox.item(id!)).toMatchObject({ state: 'queued', error: { code: 'network', willRetry: true } })
    const before = site.calls.length
    expect(before).toBeGreaterThan(10)
    online = true
    clock.advance(60_000)
    await settle()
    expect(outbox.item(id!).state).toBe('done')
    // Never marked as possibly received: a refused connection carried nothing.
    expect(site.calls.every((c) => !c.context.outcomeUnknown)).toBe(true)
    w.halt()
  })

  it('holds a whole site on refused credentials: one request, not one per item, until the site is fixed', async () => {
    const ids = queue(5)
    let password = 'expired'
    const site = new ScriptedSite(clock, (_n, p) => (password === 'expired' ? new SendError('unauthorized', 'refused', 'never', { httpStatus: 401, siteProblem: true }) : ok(p)))
    const w = worker(site, { concurrency: 1 })
    w.start()
    for (let i = 0; i < 5; i++) {
      await settle()
      clock.advance(600_000)
    }
    await settle()
    expect(site.calls).toHaveLength(1)
    expect(sites.get(siteId).problem).toMatchObject({ code: 'unauthorized' })
    expect(outbox.item(ids[0]!)).toMatchObject({ state: 'failed', error: { code: 'unauthorized' } })
    expect(ids.slice(1).map((id) => outbox.item(id).state)).toEqual(['queued', 'queued', 'queued', 'queued'])
    password = 'new'
    sites.setProblem(siteId, null)
    outbox.requeue({ siteId, codes: ['unauthorized'] })
    w.poke()
    await settle()
    await w.whenIdle()
    expect(ids.map((id) => outbox.item(id).state)).toEqual(['done', 'done', 'done', 'done', 'done'])
  })

  it('after a crash, what was being sent is sent again as possibly received', async () => {
    const [id] = queue(1)
    outbox.claim(1)
    expect(outbox.item(id!).state).toBe('sending')
    const site = new ScriptedSite(clock, (_n, p) => ok(p))
    const w = worker(site)
    w.start()
    await settle()
    await w.whenIdle()
    expect(site.calls[0]!.context.outcomeUnknown).toBe(true)
    expect(outbox.item(id!)).toMatchObject({ state: 'done', attempts: 2 })
  })

  it('never sends two items of one article at once, and keeps their order', async () => {
    const [first] = queue(1)
    const row = outbox.row(first!)
    const second = archive.transaction(() => outbox.enqueue(siteId, null, [{ kind: 'article.publish', articleId: row.article_id, title: 'again', revisionId: row.revision_id, remoteStatus: 'publish', payload: JSON.parse(row.payload) }])[0]!.id)
    const claimed = outbox.claim(5)
    expect(claimed.map((r) => r.id)).toEqual([first])
    outbox.finish([{ row: claimed[0]!, outcome: { kind: 'done', remote: ok(JSON.parse(row.payload)), revisionId: 1 } }])
    expect(outbox.claim(5).map((r) => r.id)).toEqual([second])
  })
})
