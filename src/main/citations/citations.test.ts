import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EventName } from '../../shared/api'
import { Archive } from '../archive'
import { demoArticleId } from '../archive/demo'
import { base } from '../archive/migrations/001-base'
import { startKopij, type Kopij } from '../kopij'

let dir: string
let kopij: Kopij
const file = () => path.join(dir, 'archive.sqlite')
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopij-citations-'))
  // Lookups go nowhere in these tests: a closed port answers every request with a refusal.
  kopij = startKopij({ archivePath: file(), host: 'cli', checkOutput: true, lookups: { crossrefUrl: 'http://127.0.0.1:9', pubmedUrl: 'http://127.0.0.1:9', timeoutMs: 200 } })
})
afterEach(() => {
  kopij.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const call = async (name: string, input: unknown) => {
  const envelope = await kopij.dispatch(name, input)
  if (!envelope.ok) throw Object.assign(new Error(`${envelope.error.code}: ${envelope.error.message}`), envelope.error)
  return envelope.value as any
}

const bib = (key: string, fields: string) => `@article{${key},\n${fields}\n}\n`
const library = [
  bib('muller2019', '  author = {M{\\"u}ller, J{\\"o}rg and Smith, Anna},\n  title = {Needling and nociception},\n  journal = {Pain},\n  year = {2019},\n  doi = {10.1097/j.pain.0000000000001234}'),
  bib('smith2001', '  author = {Smith, Anna},\n  title = {Placebo needles in practice},\n  journal = {BMJ},\n  year = {2001},\n  pmid = {11111111}'),
  bib('smith2001dup', '  author = {Smith, Anna},\n  title = {Placebo Needles in Practice.},\n  journal = {Br Med J},\n  year = {2001}'),
  bib('same-doi', '  author = {Berman, B.},\n  title = {Acupuncture for chronic low back pain (reprint)},\n  year = {2010},\n  doi = {10.1056/nejmcp0909344}'),
].join('\n')

async function importText(text: string, skipDuplicates = false) {
  const jobId = `job-${Math.random().toString(36).slice(2, 12)}`
  const report = await call('sources.importCheck', { jobId, text, fileName: 'library.bib' })
  const result = await call('sources.importCommit', { jobId, skipDuplicates })
  return { report, result }
}

function citeIn(articleId: string, ids: string[]) {
  const article = kopij.archive.articles.get(articleId)
  const doc = structuredClone(article.doc) as { content: unknown[] }
  doc.content.push({ type: 'paragraph', content: [{ type: 'text', text: 'Zie ' }, ...ids.map((source) => ({ type: 'citation', attrs: { items: [{ source }] } }))] })
  return kopij.archive.articles.save({ ...article, doc: doc as never, baseRevisionId: article.revisionId }).article
}

describe('the source library', () => {
  it('imports a checked file, finds duplicates in the file and the library, and skips them when asked', async () => {
    const { report, result } = await importText(library, true)
    expect(report).toMatchObject({ format: 'bibtex', records: 4, good: 4, problemCount: 0, duplicates: 2 })
    expect(result).toMatchObject({ added: 2, skipped: 2, ids: ['muller2019', 'smith2001'] })
  })

  it('searches authors without diacritics, titles by prefix, journals, years, DOIs and PMIDs', async () => {
    await importText(library)
    const ids = async (query: string) => (await call('sources.search', { query })).items.map((s: { id: string }) => s.id)
    expect(await ids('muller')).toEqual(['muller2019'])
    expect(await ids('Müller nocic')).toEqual(['muller2019'])
    expect(await ids('placebo 2001')).toEqual(expect.arrayContaining(['smith2001', 'smith2001dup']))
    expect(await ids('10.1097/j.pain.0000000000001234')).toEqual(['muller2019'])
    expect(await ids('11111111')).toEqual(['smith2001'])
    expect(await ids('N Engl J Med')).toEqual(['berman-2010-acupuncture'])
    expect(await ids('"AND" OR *')).toEqual([])
  })

  it('lists the sources the article cites first, then the recently cited ones', async () => {
    await importText(library)
    await call('sources.markCited', { ids: ['smith2001'] })
    const empty = await call('sources.search', { query: '', citedIds: ['muller2019'] })
    expect(empty.items.slice(0, 2).map((s: { id: string; cited: boolean; recent: boolean }) => [s.id, s.cited, s.recent])).toEqual([
      ['muller2019', true, false],
      ['smith2001', false, true],
    ])
    const found = await call('sources.search', { query: 'smith', citedIds: ['smith2001dup'] })
    expect(found.items.map((s: { id: string }) => s.id)).toEqual(['smith2001dup', 'smith2001', 'muller2019'])
  })

  it('refuses to delete a cited source, says where it is cited, and deletes it once it is not', async () => {
    await importText(library)
    citeIn(demoArticleId, ['muller2019', 'muller2019'])
    const refused = await kopij.dispatch('sources.delete', { id: 'muller2019' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect((refused as { error: { details: unknown } }).error.details).toMatchObject({ whereUsed: { articles: [{ id: demoArticleId, citations: 2, attached: false }] } })
    const article = kopij.archive.articles.get(demoArticleId)
    kopij.archive.articles.save({ ...article, doc: kopij.archive.articles.revision(article.revisionId - 1).fields.doc, baseRevisionId: article.revisionId })
    await call('sources.delete', { id: 'muller2019' })
    await expect(call('sources.get', { id: 'muller2019' })).rejects.toMatchObject({ code: 'not-found' })
  })

  it('merges duplicates into aliases: citations of the merged source keep resolving, fields are combined', async () => {
    await importText(library)
    const groups = await call('sources.duplicates', {})
    expect(groups.map((g: { reason: string; sources: { id: string }[] }) => [g.reason, g.sources.map((s) => s.id)])).toEqual([
      ['doi', ['berman-2010-acupuncture', 'same-doi']],
      ['title', ['smith2001', 'smith2001dup']],
    ])
    citeIn(demoArticleId, ['smith2001dup'])
    const kept = await call('sources.merge', { keep: 'smith2001', merge: ['smith2001dup'] })
    expect(kept.csl).toMatchObject({ PMID: '11111111', 'container-title': 'BMJ' })
    expect((await call('sources.get', { id: 'smith2001dup' })).id).toBe('smith2001')
    expect(await call('sources.whereUsed', { id: 'smith2001' })).toMatchObject({ articles: [{ id: demoArticleId, citations: 1 }] })
    const formatting = await call('citations.format', { style: 'vancouver', language: 'nl', ids: ['smith2001dup'] })
    expect(formatting.sources.smith2001dup.canonical).toBe('smith2001')
    expect(await call('sources.duplicates', {})).toHaveLength(1)
    // A new source never takes a merged source's id.
    expect(kopij.citations.store.freeId('smith2001dup')).toBe('smith2001dup-2')
  })

  it('makes a provisional source from a pasted DOI at once, and finds the one it has already', async () => {
    const existing = await call('sources.fromIdentifier', { text: 'https://doi.org/10.1056/NEJMCP0909344' })
    expect(existing).toMatchObject({ created: false, source: { id: 'berman-2010-acupuncture' } })
    const made = await call('sources.fromIdentifier', { text: 'PMID: 19433697' })
    expect(made).toMatchObject({ created: true, source: { id: 'pmid-19433697', provisional: true, lookup: 'queued', csl: { PMID: '19433697' } } })
    await expect(call('sources.fromIdentifier', { text: 'Berman 2010' })).rejects.toMatchObject({ code: 'invalid-input' })
  })

  it('validates what the form sends and keeps fields it does not know', async () => {
    const saved = await call('sources.save', { csl: { type: 'book', title: 'Trick or Treatment', author: [{ family: 'Singh', given: 'Simon' }], issued: { 'date-parts': [[2008]] }, publisher: 'Bantam' } })
    expect(saved).toMatchObject({ id: 'singh-2008-trick', csl: { publisher: 'Bantam' } })
    const again = await call('sources.save', { id: saved.id, csl: { ...saved.csl, title: 'Trick or Treatment?' }, baseUpdatedAt: saved.updatedAt })
    expect(again.csl.title).toBe('Trick or Treatment?')
    // Saving over a version someone else (the lookup) changed meanwhile is a conflict, not a silent overwrite.
    await expect(call('sources.save', { id: saved.id, csl: saved.csl, baseUpdatedAt: '2000-01-01T00:00:00.000Z' })).rejects.toMatchObject({ code: 'conflict' })
    expect((await kopij.dispatch('sources.save', { csl: { type: 'book', title: 'x'.repeat(300_000) } })).ok).toBe(false)
  })
})

describe('imports that go wrong', () => {
  it('stores nothing of a checked file until it is committed, and nothing after it is cancelled', async () => {
    const jobId = 'job-0000000001'
    const report = await call('sources.importCheck', { jobId, text: library, fileName: 'a.bib' })
    expect(report.good).toBe(4)
    expect((await call('sources.search', { query: '' })).total).toBe(1)
    await call('sources.importCancel', { jobId })
    await expect(call('sources.importCommit', { jobId, skipDuplicates: false })).rejects.toMatchObject({ code: 'not-found' })
    expect((await call('sources.search', { query: '' })).total).toBe(1)
  })

  it('reports progress on a large file and stops when cancelled', async () => {
    const big = Array.from({ length: 3000 }, (_, i) => bib(`k${i}`, `  title = {Trial ${i}},\n  year = {2000}`)).join('\n')
    const jobId = 'job-0000000002'
    const seen: [EventName, unknown][] = []
    kopij.events.subscribe((name, payload) => {
      seen.push([name, payload])
      if (name === 'sources.importProgress') void call('sources.importCancel', { jobId })
    })
    const report = await call('sources.importCheck', { jobId, text: big, fileName: 'big.bib' })
    expect(report.cancelled).toBe(true)
    expect(seen.find(([name]) => name === 'sources.importProgress')?.[1]).toMatchObject({ jobId, total: 3000 })
    await expect(call('sources.importCommit', { jobId, skipDuplicates: false })).rejects.toMatchObject({ code: 'not-found' })
  })

  it('says what it does not recognise', async () => {
    const report = await call('sources.importCheck', { jobId: 'job-0000000003', text: 'Berman BM. Acupuncture. 2010.', fileName: '' })
    expect(report).toMatchObject({ format: null, good: 0, problemCount: 1 })
  })
})

describe('the archive schema', () => {
  it('brings an archive of schema 1 up to date: its sources indexed, its articles' + "' citations counted", () => {
    kopij.close()
    fs.rmSync(file())
    fs.rmSync(`${file()}-wal`, { force: true })
    const old = Archive.open(file(), { migrations: [base] })
    old.library.addSource({ id: 'old-source', type: 'book', title: 'Een oud boek over kruiden', author: [{ family: 'Dodoens' }] })
    old.close()
    kopij = startKopij({ archivePath: file(), host: 'cli', demo: false })
    expect(kopij.citations.store.search({ query: 'kruiden', citedIds: [], limit: 5, offset: 0 }).items.map((s) => s.id)).toEqual(['old-source'])
    const article = kopij.archive.articles.create({ title: 'Nieuw', language: 'nl' })
    citeIn(article.id, ['old-source'])
    expect(kopij.citations.store.whereUsed('old-source').articles).toMatchObject([{ id: article.id, citations: 1 }])
  })
})
