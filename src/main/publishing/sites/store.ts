// Sites as the archive keeps them (without secrets): add, change, remove, and the problem that holds a site's queue.
import { randomUUID } from 'node:crypto'
import type { Database } from 'better-sqlite3'
import { ApiError } from '../../../shared/errors'
import type { Site, SiteDraft, SiteProblem } from '../../../shared/publishing'
import { checkSiteUrl } from './url'

interface SiteRow {
  id: string
  name: string
  kind: Site['kind']
  base_url: string
  username: string
  problem: string | null
  last_test: string | null
  created_at: string
  updated_at: string
}

export type StoredSite = Omit<Site, 'hasSecret' | 'secretStore'>

const toSite = (row: SiteRow): StoredSite => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  baseUrl: row.base_url,
  username: row.username,
  problem: row.problem ? (JSON.parse(row.problem) as SiteProblem) : null,
  lastTest: row.last_test ? JSON.parse(row.last_test) : null,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
})

export class SiteStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(): StoredSite[] {
    return (this.db.prepare('SELECT * FROM sites ORDER BY name COLLATE NOCASE').all() as SiteRow[]).map(toSite)
  }

  get(id: string): StoredSite {
    const row = this.db.prepare('SELECT * FROM sites WHERE id = ?').get(id) as SiteRow | undefined
    if (!row) throw new ApiError('not-found', `There is no site ${id}.`)
    return toSite(row)
  }

  /** By id or by name (the CLI's --site NAME). */
  resolve(idOrName: string): StoredSite {
    const row = this.db.prepare('SELECT * FROM sites WHERE id = ? OR name = ? COLLATE NOCASE').get(idOrName, idOrName) as SiteRow | undefined
    if (!row) throw new ApiError('not-found', `There is no site named "${idOrName}".`)
    return toSite(row)
  }

  findByUrl(baseUrl: string): StoredSite | undefined {
    const row = this.db.prepare('SELECT * FROM sites WHERE base_url = ?').get(baseUrl) as SiteRow | undefined
    return row ? toSite(row) : undefined
  }

  save(id: string | undefined, draft: SiteDraft): StoredSite {
    const baseUrl = checkSiteUrl(draft.baseUrl)
    if (draft.kind === 'wordpress' && !draft.username)
      throw new ApiError('invalid-input', 'A WordPress site needs the user name the application password belongs to.')
    const at = this.now().toISOString()
    const siteId = id ?? randomUUID()
    const taken = this.db.prepare('SELECT id FROM sites WHERE name = ? COLLATE NOCASE AND id <> ?').get(draft.name, siteId)
    if (taken) throw new ApiError('conflict', `There is already a site named "${draft.name}".`)
    if (id) {
      const current = this.get(id)
      // A new address, user or secret may be what fixes the site's problem; the next test or send tells.
      const changed = current.baseUrl !== baseUrl || current.username !== draft.username || draft.secret !== undefined || current.kind !== draft.kind
      this.db
        .prepare('UPDATE sites SET name = ?, kind = ?, base_url = ?, username = ?, problem = CASE WHEN ? THEN NULL ELSE problem END, updated_at = ? WHERE id = ?')
        .run(draft.name, draft.kind, baseUrl, draft.username, changed ? 1 : 0, at, id)
    } else {
      this.db
        .prepare('INSERT INTO sites (id, name, kind, base_url, username, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(siteId, draft.name, draft.kind, baseUrl, draft.username, at, at)
    }
    return this.get(siteId)
  }

  remove(id: string): void {
    this.get(id)
    this.db.prepare('DELETE FROM sites WHERE id = ?').run(id)
  }

  setProblem(id: string, problem: { code: string; message: string } | null): void {
    const value = problem ? JSON.stringify({ ...problem, at: this.now().toISOString() }) : null
    this.db.prepare('UPDATE sites SET problem = ? WHERE id = ?').run(value, id)
  }

  setLastTest(id: string, result: { ok: boolean; message: string }): void {
    this.db.prepare('UPDATE sites SET last_test = ? WHERE id = ?').run(JSON.stringify({ ...result, at: this.now().toISOString() }), id)
  }
}
