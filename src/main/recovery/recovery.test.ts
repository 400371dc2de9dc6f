import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { demoArticleId } from '../archive/demo'
import { startKopij, type Kopij } from '../kopij'

let dir: string
let kopij: Kopij
const archivePath = () => path.join(dir, 'archive.sqlite')

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopij-recovery-'))
  kopij = startKopij({ archivePath: archivePath(), host: 'cli', checkOutput: true, outbox: { start: false } })
})
afterEach(() => {
  vi.useRealTimers()
  kopij.close()
  fs.rmSync(dir, { recursive: true, force: true })
  fs.rmSync(path.join(os.tmpdir(), 'kopij-recovery'), { recursive: true, force: true })
})

async function call(name: string, input: unknown): Promise<any> {
  const envelope = await kopij.dispatch(name, input)
  if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), envelope.error)
  return envelope.value
}

/** A save of the demo article with `text` appended as a paragraph. */
async function saveInput(text: string) {
  const { id, wordCount: _w, revisionId, createdAt: _c, updatedAt: _u, ...fields } = await call('articles.get', { id: demoArticleId })
  return { ...fields, doc: { ...fields.doc, content: [...fields.doc.content, { type: 'paragraph', content: [{ type: 'text', text }] }] }, id, baseRevisionId: revisionId }
}

describe('when the archive cannot take a save', () => {
  it('a full disk: the text goes to a recovery file, and saves succeed again once there is space', async () => {
    const db = kopij.archive.db
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`)
    const input = await saveInput(`Een lange alinea die niet meer past. ${'woord '.repeat(20_000)}`)
    const refused = await kopij.dispatch('articles.save', input)
    expect(refused).toMatchObject({ ok: false, error: { code: 'disk-full', details: { recoveryFile: expect.stringContaining('.recovery') } } })
    const file = !refused.ok && (refused.error.details as { recoveryFile: string }).recoveryFile
    expect(fs.readFileSync(file as string, 'utf8')).toContain('Een lange alinea die niet meer past.')
    expect(await call('recovery.list', {})).toMatchObject([{ articleId: demoArticleId, reason: 'disk-full' }])
    expect(kopij.archive.db.pragma('integrity_check', { simple: true })).toBe('ok')

    db.pragma('max_page_count = 1073741823')
    const { article } = await call('articles.save', input)
    expect(JSON.stringify(article.doc)).toContain('Een lange alinea die niet meer past.')
    expect(await call('recovery.list', {})).toEqual([])
    expect(fs.existsSync(file as string)).toBe(false)
  })

  it('a read-only archive: the text is kept and can be restored as the newest revision later', async () => {
    kopij.archive.db.pragma('query_only = ON')
    const refused = await kopij.dispatch('articles.save', await saveInput('Geschreven op een alleen-lezen schijf.'))
    expect(refused).toMatchObject({ ok: false, error: { code: 'archive-read-only', details: { recoveryFile: expect.any(String) } } })
    kopij.archive.db.pragma('query_only = OFF')
    const before = await call('articles.get', { id: demoArticleId })
    const restored = await call('recovery.restore', { articleId: demoArticleId })
    expect(JSON.stringify(restored.doc)).toContain('Geschreven op een alleen-lezen schijf.')
    expect(restored.revisionId).toBeGreaterThan(before.revisionId)
    expect(await call('recovery.list', {})).toEqual([])
    await expect(call('recovery.restore', { articleId: demoArticleId })).rejects.toMatchObject({ code: 'not-found' })
  })

  it('keeps the text in the temporary folder when the archive folder takes no file either, and can discard it', async () => {
    fs.writeFileSync(`${archivePath()}.recovery`, 'a file where the recovery folder should be')
    kopij.archive.db.pragma('query_only = ON')
    const refused = await kopij.dispatch('articles.save', await saveInput('Elders bewaard.'))
    expect(refused, JSON.stringify(refused)).toMatchObject({ ok: false, error: { code: 'archive-read-only' } })
    const file = !refused.ok && (refused.error.details as { recoveryFile: string }).recoveryFile
    expect(file).toContain(path.join(os.tmpdir(), 'kopij-recovery'))
    await call('recovery.discard', { articleId: demoArticleId })
    expect(await call('recovery.list', {})).toEqual([])
    // And a save that succeeds is not bothered by the odd file where the folder should be.
    kopij.archive.db.pragma('query_only = OFF')
    expect((await kopij.dispatch('articles.save', await saveInput('Weer gewoon.'))).ok).toBe(true)
  })

  it('does not keep text the archive refused for what it is (a conflict, invalid input)', async () => {
    const input = await saveInput('Oud')
    await call('articles.save', input)
    expect(await kopij.dispatch('articles.save', { ...input, title: 'Anders' })).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(await call('recovery.list', {})).toEqual([])
  })
})

describe('the write-ahead journal', () => {
  it('is copied into the archive file a moment after saving stops', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    await call('articles.save', await saveInput('Staat in het archiefbestand zelf.'))
    vi.advanceTimersByTime(1000)
    // The archive file alone, without its journal, already holds the save.
    const copy = path.join(dir, 'copy.sqlite')
    fs.copyFileSync(archivePath(), copy)
    const db = new Database(copy, { readonly: true })
    const doc = db.prepare('SELECT doc FROM articles WHERE id = ?').pluck().get(demoArticleId) as string
    db.close()
    expect(doc).toContain('Staat in het archiefbestand zelf.')
  })

  it('missing after a crash is said when the archive opens again, and the archive is intact', async () => {
    kopij.close()
    // A writer killed mid-work leaves the journal and its index; then someone deletes the journal.
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve(__dirname, '../archive/soak-child.ts'), 'write', archivePath(), demoArticleId], { cwd: path.resolve(__dirname, '../../..') })
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()))
    child.kill('SIGKILL')
    await new Promise((resolve) => child.once('exit', resolve))
    expect(fs.existsSync(`${archivePath()}-wal`)).toBe(true)
    fs.rmSync(`${archivePath()}-wal`)
    kopij = startKopij({ archivePath: archivePath(), host: 'cli', outbox: { start: false } })
    expect((await call('app.info', {})).archiveWarnings).toEqual(['journal-missing'])
    expect(kopij.archive.db.pragma('integrity_check', { simple: true })).toBe('ok')
    kopij.close()
    kopij = startKopij({ archivePath: archivePath(), host: 'cli', outbox: { start: false } })
    expect((await call('app.info', {})).archiveWarnings).toEqual([])
  })
})
