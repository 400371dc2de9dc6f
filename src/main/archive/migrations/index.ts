// Versioned schema of the archive. Append only: a released migration is never edited, a new one is added here.
import type { Database } from 'better-sqlite3'
import { base } from './001-base'
import { citations } from './002-citations'
import { publishing } from './003-publishing'
import { quotes } from './004-quotes'
import { comments } from './005-comments'

export interface Migration {
  version: number
  name: string
  up(db: Database): void
}

/** Written into the SQLite header so Kopij recognises its own archives (ASCII "KOPJ"). */
export const applicationId = 0x4b4f504a

/** Each capability that needs tables adds its migration file beside these, with the next free version. */
export const migrations: Migration[] = [base, citations, publishing, quotes, comments]

export const latestVersion = (list: Migration[] = migrations): number => list.reduce((max, m) => Math.max(max, m.version), 0)
