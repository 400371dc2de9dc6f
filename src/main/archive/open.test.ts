import { spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ApiError } from '../../shared/errors'
import { Archive } from './index'
import { applicationId, latestVersion, migrations, type Migration } from './migrations'

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopij-open-'))
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

const digest = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')

function refusal(open: () => unknown): ApiError {
  try {
    open()
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError)
    return error as ApiError
  }
  throw new Error('the archive opened but should have been refused')
}

describe('opening an archive', () => {
  it('creates a new archive at the latest schema, in WAL mode with foreign keys and full sync', () => {
    const archive = Archive.open(path.join(dir, 'new', 'a.sqlite'))
    expect(archive.db.pragma('user_version', { simple: true })).toBe(latestVersion())
    expect(archive.db.pragma('application_id', { simple: true })).toBe(applicationId)
    expect(archive.db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(archive.db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(archive.db.pragma('synchronous', { simple: true })).toBe(2)
    archive.close()
  })

  it('refuses an archive from a newer Kopij and leaves the file untouched', () => {
    const file = path.join(dir, 'newer.sqlite')
    Archive.open(file).close()
    const db = new Database(file)
    db.pragma(`user_version = ${latestVersion() + 1}`)
    db.pragma('journal_mode = DELETE')
    db.close()
    const before = digest(file)
    const error = refusal(() => Archive.open(file))
    expect(error.code).toBe('archive-too-new')
    expect(error.message).toMatch(/newer Kopij/)
    expect(digest(file)).toBe(before)
    expect(fs.existsSync(`${file}-wal`)).toBe(false)
  })

  it('refuses a damaged file and a file of another program, untouched', () => {
    const junk = path.join(dir, 'junk.sqlite')
    fs.writeFileSync(junk, crypto.randomBytes(64 * 1024))
    const before = digest(junk)
    expect(refusal(() => Archive.open(junk)).code).toBe('archive-corrupt')
    expect(digest(junk)).toBe(before)

    const foreign = path.join(dir, 'foreign.sqlite')
    const other = new Database(foreign)
    other.exec('CREATE TABLE notes (body TEXT)')
    other.close()
    const foreignBefore = digest(foreign)
    const error = refusal(() => Archive.open(foreign))
    expect(error.code).toBe('archive-corrupt')
    expect(error.message).toMatch(/another program/)
    expect(digest(foreign)).toBe(foreignBefore)
  })

  it('calls an archive locked by another program locked, and does not half-migrate it', () => {
    const file = path.join(dir, 'locked.sqlite')
    Archive.open(file, { migrations: migrations.slice(0, 1) }).close()
    const holder = new Database(file)
    holder.exec('BEGIN IMMEDIATE')
    const next: Migration = { version: 2, name: 'second', up: (db) => db.exec('CREATE TABLE later (x)') }
    const error = refusal(() => Archive.open(file, { migrations: [...migrations.slice(0, 1), next], busyTimeoutMs: 50 }))
    expect(error.code).toBe('archive-locked')
    holder.exec('ROLLBACK')
    holder.close()
    const check = new Database(file, { readonly: true })
    expect(check.pragma('user_version', { simple: true })).toBe(1)
    check.close()
  })

  it('rolls a failing migration back completely: the archive stays at the old version', () => {
    const file = path.join(dir, 'failing.sqlite')
    Archive.open(file, { migrations: migrations.slice(0, 1) }).close()
    const broken: Migration = {
      version: 2,
      name: 'breaks halfway',
      up(db) {
        db.exec('CREATE TABLE halfway (x)')
        db.exec('INSERT INTO no_such_table VALUES (1)')
      },
    }
    expect(() => Archive.open(file, { migrations: [...migrations.slice(0, 1), broken] })).toThrow(ApiError)
    const check = new Database(file, { readonly: true })
    expect(check.pragma('user_version', { simple: true })).toBe(1)
    expect(check.prepare(`SELECT count(*) AS n FROM sqlite_schema WHERE name = 'halfway'`).get()).toEqual({ n: 0 })
    check.close()
  })

  it('reports a read-only archive clearly and does not write to it', () => {
    const file = path.join(dir, 'ro', 'a.sqlite')
    Archive.open(file).close()
    const db = new Database(file)
    db.pragma('journal_mode = DELETE')
    db.close()
    fs.chmodSync(file, 0o444)
    fs.chmodSync(path.dirname(file), 0o555)
    fs.chmodSync(dir, 0o755)
    const before = digest(file)
    try {
      // Root ignores file modes, so the check runs as an unprivileged user when the tests run as root.
      const asRoot = process.getuid?.() === 0
      const script = `
        const { register } = require('tsx/cjs/api'); register();
        const { Archive } = require(${JSON.stringify(path.join(__dirname, 'index.ts'))});
        try { Archive.open(${JSON.stringify(file)}); console.log('opened') } catch (e) { console.log(e.code + ': ' + e.message) }`
      const result = spawnSync(process.execPath, ['-e', script], {
        cwd: path.resolve(__dirname, '../../..'),
        encoding: 'utf8',
        ...(asRoot ? { uid: 65534, gid: 65534, env: { ...process.env, HOME: dir } } : {}),
      })
      expect(result.stdout.trim(), result.stderr).toMatch(/^archive-read-only: The archive .* cannot be written to/)
      expect(digest(file)).toBe(before)
    } finally {
      fs.chmodSync(path.dirname(file), 0o755)
    }
  })

  it('opens read-only for reading without writing, and refuses a missing file then', () => {
    const file = path.join(dir, 'a.sqlite')
    expect(refusal(() => Archive.open(file, { readonly: true })).code).toBe('not-found')
    Archive.open(file).close()
    const archive = Archive.open(file, { readonly: true })
    expect(() => archive.settings.write('x', 1)).toThrow()
    archive.close()
  })
})
