import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Archive } from './index'

const root = path.resolve(__dirname, '../../..')
let dir: string
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopij-crash-'))))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

/** Runs the writer until it has acknowledged at least `minimum` revisions plus a random few, then SIGKILLs it. */
function writeThenKill(file: string, articleId: string, minimum: number): Promise<Map<number, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'crash-writer.ts'), file, articleId], { cwd: root })
    const acknowledged = new Map<number, number>()
    const killAfter = minimum + Math.floor(Math.random() * 40)
    let buffer = ''
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      const lines = buffer.split('\n')
      buffer = lines.pop()!
      for (const line of lines) {
        const [id, length] = line.split(' ').map(Number)
        acknowledged.set(id!, length!)
      }
      if (acknowledged.size >= killAfter) child.kill('SIGKILL')
    })
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(acknowledged) : reject(new Error(`writer ended without being killed: ${signal}`))))
    child.on('error', reject)
  })
}

describe('killing Kopij while it saves', () => {
  it('never loses an acknowledged revision and never corrupts the archive', async () => {
    const file = path.join(dir, 'archive.sqlite')
    const setup = Archive.open(file)
    const { id } = setup.articles.create({ title: 'Crash', language: 'nl' })
    setup.close()
    for (let round = 0; round < 5; round++) {
      const acknowledged = await writeThenKill(file, id, 20)
      const archive = Archive.open(file)
      try {
        expect(archive.db.pragma('integrity_check', { simple: true })).toBe('ok')
        archive.db.prepare(`INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)`).run()
        for (const [revisionId, length] of acknowledged) {
          const revision = archive.articles.revision(revisionId)
          const text = (revision.fields.doc.content as { content: { text: string }[] }[])[0]!.content[0]!.text
          expect(text.length).toBe(length)
        }
        const latest = Math.max(...acknowledged.keys())
        expect(archive.articles.get(id).revisionId).toBeGreaterThanOrEqual(latest)
      } finally {
        archive.close()
      }
    }
  }, 60_000)
})
