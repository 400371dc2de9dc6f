// Crash safety, proven by killing: a writer or a migration SIGKILLed at random moments, the archive checked after each.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { documentText } from '../../shared/document'
import { Archive } from './index'
import { latestVersion, migrations } from './migrations'
import { fieldsDigest, slowMigration } from './soak-child'

const child = path.join(__dirname, 'soak-child.ts')
const migrationRows = 200_000
const root = path.resolve(__dirname, '../../..')

export interface SoakReport {
  kills: number
  /** Revisions the writer had reported committed before it was killed, all found intact afterwards. */
  acknowledged: number
  /** Kills that landed while the migration was running, and how many left the old or the new schema. */
  migration: { kills: number; old: number; new: number }
  seconds: number
}

/**
 * Runs the child until `when` says kill (given each stdout line), then SIGKILLs it and returns its lines. A child
 * that finished its work before the kill landed (`finishes`) resolves too, with `killed` false.
 */
function runUntilKilled(args: string[], when: (lines: string[]) => boolean, delayMs: number, finishes = false): Promise<{ lines: string[]; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
    const lines: string[] = []
    let buffer = ''
    let stderr = ''
    let armed = false
    proc.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      const parts = buffer.split('\n')
      buffer = parts.pop()!
      lines.push(...parts)
      if (!armed && when(lines)) {
        armed = true
        // A random few milliseconds more, so the kill lands anywhere: between saves, inside a commit, in an fsync.
        setTimeout(() => proc.kill('SIGKILL'), delayMs)
      }
    })
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    proc.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ lines, killed: true })
      else if (finishes && code === 0) resolve({ lines, killed: false })
      else reject(new Error(`the child ended by itself (${code ?? signal}): ${stderr.slice(0, 2000)}`))
    })
    proc.on('error', reject)
  })
}

function checkArchive(file: string, articleId: string, acknowledged: Map<number, string>): void {
  const archive = Archive.open(file)
  try {
    const fail = (what: string) => {
      throw new Error(`after a kill: ${what}`)
    }
    if (archive.db.pragma('integrity_check', { simple: true }) !== 'ok') fail('integrity_check failed')
    archive.db.prepare(`INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)`).run()
    for (const [revisionId, digest] of acknowledged) {
      if (fieldsDigest(archive.articles.revision(revisionId).fields) !== digest) fail(`revision ${revisionId} differs from what was saved`)
    }
    const article = archive.articles.get(articleId)
    if (article.revisionId < Math.max(0, ...acknowledged.keys())) fail('the article is older than its last acknowledged revision')
    const indexed = archive.db.prepare('SELECT f.title, f.body FROM articles_fts f JOIN articles a ON a.seq = f.rowid WHERE a.id = ?').get(articleId) as
      | { title: string; body: string }
      | undefined
    if (indexed?.title !== article.title || indexed.body !== documentText(article.doc)) fail('the search index disagrees with the article')
  } finally {
    archive.close()
  }
}

export async function soak(options: { dir: string; kills: number; migrationKills: number; onProgress?: (line: string) => void }): Promise<SoakReport> {
  const started = performance.now()
  const file = path.join(options.dir, 'soak.kopij.sqlite')
  const setup = Archive.open(file)
  const { id } = setup.articles.create({ title: 'Soak', language: 'nl' })
  setup.close()
  const acknowledged = new Map<number, string>()
  for (let kill = 1; kill <= options.kills; kill++) {
    const minimum = Math.floor(Math.random() * 30)
    const { lines } = await runUntilKilled(['write', file, id], (l) => l.length > minimum, Math.random() * 8)
    for (const line of lines) {
      const [revision, digest] = line.split(' ')
      acknowledged.set(Number(revision), digest!)
    }
    checkArchive(file, id, acknowledged)
    if (kill % 50 === 0) options.onProgress?.(`${kill} kills, ${acknowledged.size} acknowledged revisions intact`)
  }

  const migration = { kills: 0, old: 0, new: 0 }
  const template = path.join(options.dir, 'template.kopij.sqlite')
  Archive.open(template).close()
  // How long the migration takes here, so the kills spread over the whole of it, commit included.
  const timed = path.join(options.dir, 'timed.kopij.sqlite')
  fs.copyFileSync(template, timed)
  const begin = performance.now()
  Archive.open(timed, { migrations: [...migrations, slowMigration(migrationRows)] }).close()
  const duration = performance.now() - begin
  let finishedFirst = 0
  for (let kill = 1; kill <= options.migrationKills; kill++) {
    const target = path.join(options.dir, `migrate-${kill}.kopij.sqlite`)
    fs.copyFileSync(template, target)
    // On a busy machine the child may finish before its kill: then it proves the new schema, and another round runs.
    const { killed } = await runUntilKilled(['migrate', target, String(migrationRows)], (l) => l.includes('migrating'), Math.random() * duration * 0.9, true)
    const db = new Database(target)
    try {
      const version = db.pragma('user_version', { simple: true }) as number
      const table = db.prepare(`SELECT count(*) AS n FROM sqlite_schema WHERE name = 'soak_rows'`).get() as { n: number }
      if (db.pragma('integrity_check', { simple: true }) !== 'ok') throw new Error('after a kill in a migration: integrity_check failed')
      if (version === latestVersion()) {
        if (table.n !== 0) throw new Error('after a kill in a migration: the old schema has the new table')
        if (killed) migration.old++
      } else if (version === slowMigration(0).version) {
        const rows = (db.prepare('SELECT count(*) AS n FROM soak_rows').get() as { n: number }).n
        if (rows !== migrationRows) throw new Error(`after a kill in a migration: the new schema has ${rows} of ${migrationRows} rows`)
        if (killed) migration.new++
      } else throw new Error(`after a kill in a migration: schema version ${version}`)
      if (killed) migration.kills++
      else if (++finishedFirst > options.migrationKills * 3) throw new Error('the migration keeps finishing before its kill: make it longer')
      else kill--
    } finally {
      db.close()
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(target + suffix, { force: true })
    }
  }
  return { kills: options.kills, acknowledged: acknowledged.size, migration, seconds: (performance.now() - started) / 1000 }
}
