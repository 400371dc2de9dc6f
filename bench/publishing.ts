// Publishing in the bench: 1,000 articles through the outbox against raw HTTP at the same concurrency, and a WXR import.
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { spawn, type ChildProcess } from 'node:child_process'
import { startKopij } from '../src/main/kopij'
import { MemoryCredentialStore } from '../src/main/publishing'
import { articleFields } from '../src/main/publishing/testing/fixtures'
import { writeWxr } from '../src/main/publishing/testing/wxr'
import type { ArticlePayload } from '../src/main/publishing/sites/adapter'
import type { Metric } from './report'

export const publishingConfig = { articles: 1000, concurrency: 8, wxrPosts: 10_000, wxrCommentsPerPost: 11, rounds: process.argv.includes("--quick") ? 1 : 3 }
export const publishingTargets = { throughputRatio: 0.9, wxrImportMs: 20_000 }

type Log = (line: string) => void

/** PUTs every payload with `concurrency` requests in flight over keep-alive sockets: the floor under the outbox. */
async function rawHttp(apiUrl: string, token: string, payloads: ArticlePayload[], concurrency: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency })
  const put = (p: ArticlePayload) =>
    new Promise<void>((resolve, reject) => {
      const body = JSON.stringify({ slug: p.slug, title: p.title, html: p.html, excerpt: p.excerpt, language: p.language, categories: [p.categoryPath], tags: p.tags, status: 'published', publishAt: null })
      const req = http.request(`${apiUrl}/articles/${p.articleId}`, {
        method: 'PUT',
        agent,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'if-none-match': '*', 'idempotency-key': `raw-${p.articleId}` },
      })
      req.on('response', (res) => {
        res.resume()
        res.on('end', () => (res.statusCode === 201 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))))
      })
      req.on('error', reject)
      req.end(body)
    })
  const started = performance.now()
  let next = 0
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < payloads.length) await put(payloads[next++]!)
  }))
  const ms = performance.now() - started
  agent.destroy()
  return ms
}

/**
 * The reference site in a process of its own, as a site is: Kopij's disk syncs and the site's request handling then
 * overlap as they would over a network, instead of taking turns on one event loop.
 */
async function siteProcess(dataDir: string): Promise<{ apiUrl: string; token: string; articles: () => number; close: () => Promise<void> }> {
  const root = path.resolve(__dirname, '..')
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/site/cli.ts', '--port', '0', '--data', dataDir, '--token', 'bench'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const line = out.split('\n').find((l) => l.startsWith('http://'))
      if (line) resolve(line.trim())
    })
    child.on('exit', (code) => reject(new Error(`the reference site exited (${code})`)))
  })
  const Database = (await import('better-sqlite3')).default
  return {
    apiUrl: `${url}/api/v1`,
    token: 'bench',
    articles: () => {
      const db = new Database(path.join(dataDir, 'site.sqlite'), { readonly: true })
      try {
        return (db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n
      } finally {
        db.close()
      }
    },
    close: () => new Promise<void>((resolve) => {
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    }),
  }
}

/** One round: a fresh site each for the baseline and for Kopij, the same articles, the same concurrency. */
async function round(work: string, n: number, log: Log): Promise<{ rawMs: number; outboxMs: number; rawCpuMs: number; outboxCpuMs: number }> {
  const dir = path.join(work, `publish-${n}`)
  const kopij = startKopij({ archivePath: path.join(dir, 'archive.sqlite'), host: 'cli', demo: false, credentials: new MemoryCredentialStore(), outbox: { start: false, concurrency: publishingConfig.concurrency } })
  const rawSite = await siteProcess(path.join(dir, 'raw-site'))
  const site = await siteProcess(path.join(dir, 'site'))
  try {
    const ids = kopij.archive.transaction(() => Array.from({ length: publishingConfig.articles }, (_, i) => kopij.archive.articles.insert(articleFields(i + 1)).id))
    const saved = await kopij.dispatch('sites.save', { site: { name: 'Bench', kind: 'kopij-api', baseUrl: site.apiUrl, secret: site.token } })
    if (!saved.ok) throw new Error(saved.error.message)
    const siteId = (saved.value as { id: string }).id
    const started = await kopij.dispatch('publish.start', { siteId, articleIds: ids })
    if (!started.ok) throw new Error(started.error.message)
    const batchId = (started.value as { batch: { id: string } }).batch.id
    const payloads = (kopij.archive.db.prepare('SELECT payload FROM outbox ORDER BY seq').all() as { payload: string }[]).map((r) => JSON.parse(r.payload) as ArticlePayload)

    const cpu = (since: NodeJS.CpuUsage) => {
      const used = process.cpuUsage(since)
      return Math.round((used.user + used.system) / 1000)
    }
    let before = process.cpuUsage()
    const rawMs = await rawHttp(rawSite.apiUrl, rawSite.token, payloads, publishingConfig.concurrency)
    const rawCpuMs = cpu(before)
    before = process.cpuUsage()
    const t0 = performance.now()
    kopij.publishing.start()
    await kopij.publishing.service.worker.whenIdle()
    const outboxMs = performance.now() - t0
    const outboxCpuMs = cpu(before)
    const batch = kopij.publishing.service.outbox.batch(batchId)
    if (batch.counts.done !== publishingConfig.articles || site.articles() !== publishingConfig.articles || rawSite.articles() !== publishingConfig.articles)
      throw new Error(`outbox round ${n}: ${JSON.stringify(batch.counts)}`)
    // The client's own CPU time: on a machine busy with other work, the site and Kopij share what is left of it.
    log(`  round ${n}: raw HTTP ${Math.round(rawMs)} ms (client CPU ${rawCpuMs} ms), outbox ${Math.round(outboxMs)} ms (client CPU ${outboxCpuMs} ms)`)
    return { rawMs, outboxMs, rawCpuMs, outboxCpuMs }
  } finally {
    kopij.close()
    await site.close()
    await rawSite.close()
  }
}

export async function benchPublishing(work: string, log: Log): Promise<{ metrics: Metric[]; details: object }> {
  log(`Publishing: ${publishingConfig.articles} articles to the reference site, ${publishingConfig.concurrency} in flight, outbox against raw HTTP …`)
  const rounds = []
  for (let n = 1; n <= publishingConfig.rounds; n++) rounds.push(await round(work, n, log))
  // The better round of each: both sides meet the same machine noise, and the best shows what each can do.
  const rawMs = Math.min(...rounds.map((r) => r.rawMs))
  const outboxMs = Math.min(...rounds.map((r) => r.outboxMs))
  const perSecond = (ms: number) => (publishingConfig.articles / ms) * 1000

  log(`WXR import: ${publishingConfig.wxrPosts} posts, ${publishingConfig.wxrPosts * (publishingConfig.wxrCommentsPerPost - 1)} comments …`)
  const wxr = path.join(work, 'export.xml')
  const bytes = writeWxr(wxr, { posts: publishingConfig.wxrPosts, commentsPerPost: publishingConfig.wxrCommentsPerPost })
  const kopij = startKopij({ archivePath: path.join(work, 'import.sqlite'), host: 'cli', demo: false, credentials: new MemoryCredentialStore(), outbox: { start: false } })
  let importMs: number
  let imported
  try {
    const t0 = performance.now()
    const started = kopij.publishing.imports.start({ kind: 'wxr', path: wxr })
    imported = await kopij.publishing.imports.whenDone(started.id)
    importMs = performance.now() - t0
    if (imported.state !== 'done') throw new Error(`WXR import ${imported.state}: ${imported.error}`)
  } finally {
    kopij.close()
    fs.rmSync(wxr, { force: true })
  }
  log(`  ${imported.posts} posts, ${imported.comments} comments from ${Math.round(bytes / 1e6)} MB in ${Math.round(importMs)} ms`)

  const ratio = rawMs / outboxMs
  return {
    metrics: [
      {
        id: 'publish.throughput',
        label: `Publish ${publishingConfig.articles} articles, ${publishingConfig.concurrency} in flight (articles/s)`,
        unit: 'count',
        value: perSecond(outboxMs),
        baseline: perSecond(rawMs),
        baselineLabel: 'raw HTTP PUTs, same site, same concurrency',
        met: ratio >= publishingTargets.throughputRatio,
        targetText: `≥ ${publishingTargets.throughputRatio * 100} % of baseline`,
      },
      { id: 'publish.wxrImport', label: `WXR import, ${imported.posts} posts + ${imported.comments} comments`, unit: 'ms', value: importMs, target: publishingTargets.wxrImportMs },
    ],
    details: { config: publishingConfig, rounds, rawMs, outboxMs, throughputRatio: ratio, wxr: { bytes, ms: importMs, posts: imported.posts, comments: imported.comments } },
  }
}

// `npx tsx bench/publishing.ts`: this part alone (no browser, no renderer build).
if (require.main === module) {
  const work = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'kopij-bench-publishing-'))
  benchPublishing(work, console.log)
    .then(({ metrics }) => {
      for (const m of metrics) console.log(`${m.label}: ${Math.round(m.value * 10) / 10}${m.baseline !== undefined ? ` (baseline ${Math.round(m.baseline * 10) / 10})` : ''} ${m.met ?? (m.target !== undefined ? m.value <= m.target : '')}`)
    })
    .finally(() => fs.rmSync(work, { recursive: true, force: true }))
}
