import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startKopij, type Kopij } from '../kopij'

/** Crossref and PubMed as a local stub: the records Kopij would get, a 404, and a server that is down. */
function stub() {
  const requests: string[] = []
  let down = false
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '')
    if (down) return res.destroy()
    const url = new URL(req.url ?? '/', 'http://stub')
    if (url.pathname === '/works/10.1001%2Farchinternmed.2009.65/transform/application/vnd.citationstyles.csl+json') {
      res.writeHead(200, { 'content-type': 'application/vnd.citationstyles.csl+json' })
      return res.end(
        JSON.stringify({
          type: 'journal-article',
          title: ['A randomized trial comparing acupuncture, simulated acupuncture, and usual care for chronic low back pain'],
          'container-title': 'Archives of Internal Medicine',
          author: [{ family: 'Cherkin', given: 'Daniel C.', sequence: 'first', affiliation: [] }, { family: 'Sherman', given: 'Karen J.' }],
          issued: { 'date-parts': [[2009, 5, 11]] },
          volume: '169',
          issue: '9',
          page: '858',
          DOI: '10.1001/archinternmed.2009.65',
          reference: Array.from({ length: 50 }, (_, i) => ({ key: `ref${i}` })),
          abstract: '<jats:p>Background: acupuncture.</jats:p>',
        }),
      )
    }
    if (url.pathname === '/efetch.fcgi' && url.searchParams.get('id') === '20818865') {
      res.writeHead(200, { 'content-type': 'text/plain' })
      return res.end('PMID- 20818865\nTI  - Acupuncture for chronic low back pain.\nFAU - Berman, Brian M\nAU  - Berman BM\nDP  - 2010 Jul 29\nTA  - N Engl J Med\nAID - 10.1056/NEJMcp0909344 [doi]\n')
    }
    res.writeHead(404).end()
  })
  return {
    requests,
    setDown: (value: boolean) => (down = value),
    start: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

let dir: string
let kopij: Kopij
let server: ReturnType<typeof stub>
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopij-lookups-'))
  server = stub()
  const url = await server.start()
  kopij = startKopij({ archivePath: path.join(dir, 'a.sqlite'), host: 'cli', checkOutput: true, lookups: { crossrefUrl: url, pubmedUrl: url, timeoutMs: 2000, retryMs: 60_000 } })
})
afterEach(async () => {
  kopij.close()
  await server.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const call = async (name: string, input: unknown) => {
  const envelope = await kopij.dispatch(name, input)
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`)
  return envelope.value as any
}

describe('online lookups', () => {
  it('fills a source made from a DOI from Crossref, keeping only CSL fields', async () => {
    const { source } = await call('sources.fromIdentifier', { text: 'doi:10.1001/archinternmed.2009.65' })
    expect(source).toMatchObject({ provisional: true, lookup: 'queued' })
    await kopij.citations.lookups.drain()
    const filled = await call('sources.get', { id: source.id })
    expect(filled).toMatchObject({ provisional: false, lookup: 'done', csl: { type: 'article-journal', title: expect.stringMatching(/^A randomized trial/), volume: '169', abstract: 'Background: acupuncture.' } })
    expect(filled.csl.reference).toBeUndefined()
    expect(filled.csl.author[0]).toMatchObject({ family: 'Cherkin', given: 'Daniel C.' })
  })

  it('fills a source made from a PMID from PubMed (MEDLINE), and says when a record does not exist', async () => {
    // The demo's Berman record has this PMID: without it, the PMID is new to the library.
    kopij.archive.db.exec("DELETE FROM article_sources; DELETE FROM sources WHERE id = 'berman-2010-acupuncture'")
    const { source } = await call('sources.fromIdentifier', { text: 'https://pubmed.ncbi.nlm.nih.gov/20818865/' })
    const missing = await call('sources.fromIdentifier', { text: '10.9999/does-not-exist' })
    await kopij.citations.lookups.drain()
    expect(await call('sources.get', { id: source.id })).toMatchObject({ lookup: 'done', csl: { title: 'Acupuncture for chronic low back pain', DOI: '10.1056/NEJMcp0909344' } })
    const notFound = await call('sources.get', { id: missing.source.id })
    expect(notFound).toMatchObject({ provisional: true, lookup: 'failed', lookupError: expect.stringContaining('not found') })
    expect(server.requests.some((r) => r.includes('db=pubmed') && r.includes('rettype=medline'))).toBe(true)
  })

  it('waits for the network and tries again when told it is back', async () => {
    server.setDown(true)
    const { source } = await call('sources.fromIdentifier', { text: '10.1001/archinternmed.2009.65' })
    await kopij.citations.lookups.drain()
    const waiting = await call('sources.get', { id: source.id })
    expect(waiting).toMatchObject({ provisional: true, lookup: 'queued' })
    expect(waiting.lookupError).toBeTruthy()
    server.setDown(false)
    await call('citations.retryLookups', {})
    await kopij.citations.lookups.drain()
    expect(await call('sources.get', { id: source.id })).toMatchObject({ provisional: false, lookup: 'done' })
  })

  it('asks nothing online while lookups are switched off, and catches up when they are on again', async () => {
    await call('citations.updateSettings', { onlineLookups: false })
    const { source } = await call('sources.fromIdentifier', { text: '10.1001/archinternmed.2009.65' })
    await kopij.citations.lookups.drain()
    expect(server.requests).toEqual([])
    expect(await call('sources.get', { id: source.id })).toMatchObject({ lookup: 'off', provisional: true })
    await call('citations.updateSettings', { onlineLookups: true })
    await kopij.citations.lookups.drain()
    expect(await call('sources.get', { id: source.id })).toMatchObject({ lookup: 'done' })
  })
})
