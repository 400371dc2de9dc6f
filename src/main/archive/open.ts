// Opening an archive file safely: refuse what is locked, read-only, corrupt or newer, and leave such files untouched.
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { ApiError } from '../../shared/errors'
import type { ArchiveWarning } from '../../shared/recovery'
import { applicationId, latestVersion, migrations as knownMigrations, type Migration } from './migrations'

export interface OpenOptions {
  /** Open without writing anything: no WAL switch, no migration (the CLI's read commands). */
  readonly?: boolean
  /** Create the file when it does not exist (default true unless readonly). */
  create?: boolean
  /** Milliseconds to wait for another process's lock before calling the archive locked. */
  busyTimeoutMs?: number
  migrations?: Migration[]
  /** Where better-sqlite3's native addon is, when it is not the one built for Node (Electron). */
  nativeBinding?: string
}

type SqliteError = Error & { code?: string }

/** Maps SQLite's failure codes onto the contract's error codes, with a sentence an editor can act on. */
export function archiveError(error: unknown, file: string): ApiError {
  if (error instanceof ApiError) return error
  const code = (error as SqliteError)?.code ?? ''
  const message = (error as Error)?.message ?? String(error)
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return new ApiError('archive-locked', `The archive ${file} is in use by another program. Close it and try again.`)
  if (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EROFS' || code === 'EPERM')
    return new ApiError('archive-read-only', `The archive ${file} cannot be written to (read-only file or folder).`)
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'))
    return new ApiError('archive-corrupt', `The archive ${file} is damaged or is not a Kopij archive; it was left untouched.`)
  if (code === 'SQLITE_FULL' || code === 'ENOSPC')
    return new ApiError('disk-full', `The disk holding ${file} is full; nothing was written.`)
  if (code.startsWith('SQLITE_CANTOPEN'))
    return new ApiError('archive-read-only', `The archive ${file} cannot be opened: ${message}`)
  return new ApiError('internal', `The archive ${file} failed: ${message}`)
}

function checkWritable(file: string, exists: boolean): void {
  const target = exists ? file : path.dirname(file)
  try {
    fs.accessSync(target, fs.constants.W_OK)
    // WAL needs to create -wal and -shm files beside the archive.
    fs.accessSync(path.dirname(file), fs.constants.W_OK)
  } catch (error) {
    throw archiveError(error, file)
  }
}

/**
 * Looked at before the archive is opened: a shared-memory index without its write-ahead journal means the journal was
 * removed after Kopij stopped unexpectedly (a clean close removes both), so its last saves may be gone.
 */
export function journalWarnings(file: string): ArchiveWarning[] {
  return fs.existsSync(`${file}-shm`) && !fs.existsSync(`${file}-wal`) ? ['journal-missing'] : []
}

export function openDatabase(file: string, options: OpenOptions = {}): Database.Database {
  const readonly = options.readonly ?? false
  const list = options.migrations ?? knownMigrations
  const exists = fs.existsSync(file)
  if (!exists && (readonly || options.create === false))
    throw new ApiError('not-found', `There is no archive at ${file}.`)
  if (!exists) {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true })
    } catch (error) {
      throw archiveError(error, file)
    }
  }
  if (!readonly) checkWritable(file, exists)

  let db: Database.Database
  try {
    db = new Database(file, { readonly, fileMustExist: exists, nativeBinding: options.nativeBinding })
  } catch (error) {
    throw archiveError(error, file)
  }
  try {
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 3000}`)
    // Reading the header first: a foreign, corrupt or newer file is refused before anything is written to it.
    const version = db.pragma('user_version', { simple: true }) as number
    const appId = db.pragma('application_id', { simple: true }) as number
    const hasTables = (db.prepare(`SELECT count(*) AS n FROM sqlite_schema`).get() as { n: number }).n > 0
    if ((version > 0 && appId !== applicationId) || (version === 0 && hasTables))
      throw new ApiError('archive-corrupt', `${file} is an SQLite file of another program, not a Kopij archive; it was left untouched.`)
    const latest = latestVersion(list)
    if (version > latest)
      throw new ApiError(
        'archive-too-new',
        `The archive ${file} was written by a newer Kopij (schema ${version}; this version knows up to ${latest}). Update Kopij to open it.`,
        { version, latest },
      )
    if (readonly) {
      if (version < latest)
        throw new ApiError('archive-too-new', `The archive ${file} needs an upgrade; open it once in Kopij first.`, { version, latest })
      db.pragma('query_only = ON')
      return db
    }
    db.pragma('journal_mode = WAL')
    // FULL: a revision Kopij reported as saved survives a power cut too, not only a crash of the app.
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    migrate(db, list, version)
    return db
  } catch (error) {
    db.close()
    throw archiveError(error, file)
  }
}

/** Runs each pending migration in its own transaction, so an archive is at one version or the next, never between. */
export function migrate(db: Database.Database, list: Migration[], from: number): void {
  const pending = [...list].sort((a, b) => a.version - b.version).filter((m) => m.version > from)
  for (const migration of pending) {
    db.transaction(() => {
      migration.up(db)
      db.pragma(`application_id = ${applicationId}`)
      db.pragma(`user_version = ${migration.version}`)
    }).immediate()
  }
}
