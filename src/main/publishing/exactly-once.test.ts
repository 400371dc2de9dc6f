import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startReferenceSite, type ReferenceSite } from '../../site/server'
import { startKopij } from '../kopij'
import { articleFields, call, tempDir } from './testing/fixtures'

const count = 1000
const root = path.resolve(__dirname, '../../..')
const publisher = path.join(__dirname, 'testing', 'publisher.ts')

let dir: string
let site: ReferenceSite
beforeAll(async () => {
  dir = tempDir('kopij-exactly-once-')
  // 30 % of requests go wrong: 10 % 5xx, 5 % reset before, 10 % committed and then the answer lost, 5 % 429.
  site = await startReferenceSite({
    dataDir: path.join(dir, 'site'),
    token: 'exactly-once',
    faults: { errorRate: 0.1, resetRate: 0.05, dropAfterCommitRate: 0.1, rateLimitRate: 0.05, retryAfterSeconds: 1, seed: 20261125 },
  })
})
afterAll(async () => {
  await site.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

/** Runs the publisher; with `killWhen`, sends it SIGKILL as soon as the site holds that many articles. */
function runPublisher(archive: string, killWhen?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', publisher, archive], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const watch = killWhen
      ? setInterval(() => {
          if (site.store.stats().articles >= killWhen) child.kill('SIGKILL')
        }, 5)
      : undefined
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      if (watch) clearInterval(watch)
      if (code && code !== 0) reject(new Error(`publisher exited ${code}: ${stderr.slice(-2000)}`))
      else resolve({ code, signal })
    })
  })
}

describe('exactly once', () => {
  it(`${count} articles through 30 % faults and a SIGKILL mid-batch: each on the site once, each written once`, async () => {
    const archive = path.join(dir, 'archive.sqlite')
    const kopij = startKopij({ archivePath: archive, host: 'cli', demo: false, outbox: { start: false } })
    const ids = kopij.archive.transaction(() => Array.from({ length: count }, (_, i) => kopij.archive.articles.insert(articleFields(i + 1)).id))
    const saved = await call(kopij, 'sites.save', { site: { name: 'Referentie', kind: 'kopij-api', baseUrl: site.apiUrl, secret: site.token } })
    const started = await call(kopij, 'publish.start', { siteId: saved.id, articleIds: ids })
    expect(started.items).toHaveLength(count)
    kopij.close()

    const killed = await runPublisher(archive, Math.round(count * 0.3))
    expect(killed.signal).toBe('SIGKILL')
    const between = site.store.stats().articles
    expect(between).toBeGreaterThanOrEqual(count * 0.3)
    expect(between).toBeLessThan(count)
    expect(await runPublisher(archive)).toEqual({ code: 0, signal: null })

    const check = startKopij({ archivePath: archive, host: 'cli', demo: false, outbox: { start: false } })
    try {
      const batch = await call(check, 'publish.batch', { batchId: started.batch!.id })
      expect(batch.counts).toEqual({ queued: 0, sending: 0, done: count, failed: 0, conflict: 0 })
      const stats = site.store.stats()
      expect(stats).toEqual({ articles: count, creations: count, duplicateCreations: 0 })
      // Written once each: a request replayed after a lost answer or the kill did not write the article again.
      const versions = site.store.db.prepare('SELECT version, count(*) AS n FROM articles GROUP BY version').all()
      expect(versions).toEqual([{ version: 1, n: count }])
      const onSite = new Set((site.store.db.prepare('SELECT id FROM articles').all() as { id: string }[]).map((r) => r.id))
      expect(ids.every((id) => onSite.has(id))).toBe(true)
      // The faults really happened.
      expect(site.faults.counts['drop-after-commit']).toBeGreaterThan(count * 0.05)
      expect(site.faults.counts.error).toBeGreaterThan(count * 0.05)
      expect(site.faults.counts['rate-limit']).toBeGreaterThan(0)
      expect(site.faults.counts.reset).toBeGreaterThan(0)
    } finally {
      check.close()
    }
  }, 120_000)
})
