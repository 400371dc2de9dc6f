// Import jobs in main: a WXR file or a WordPress site, chunk by chunk, each chunk committed with its cursor.
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { ApiError } from '../../../shared/errors'
import type { ImportProgress } from '../../../shared/publishing'
import type { Publishing } from '../service'
import { WordPressSite } from '../sites/wordpress'
import { readComments, readPosts, readTerms, startCursor, type PullCursor, type Terms } from './wordpress'
import { loadHtmlParser } from './html-to-doc'
import { ImportWriter } from './writer'
import { readWxr, WxrError, type WxrItem } from './wxr'

interface ImportRow {
  id: string
  kind: 'wxr' | 'wordpress'
  source: string
  site_id: string | null
  state: ImportProgress['state']
  phase: string
  cursor: string
  counts: string
  error: string | null
  started_at: string
  updated_at: string
}

interface Counts {
  posts: number
  comments: number
  terms: number
  skipped: number
  totalPosts: number | null
}

const zero = (): Counts => ({ posts: 0, comments: 0, terms: 0, skipped: 0, totalPosts: null })

class Cancelled extends Error {}

export class ImportRunner {
  private readonly running = new Map<string, { controller: AbortController; done: Promise<ImportProgress> }>()
  private lastEmit = 0

  constructor(private readonly p: Publishing) {}

  /** An import a crash or a quit interrupted goes on only when asked: it waits, resumable, as "paused". */
  recover(): void {
    this.p.db.prepare(`UPDATE imports SET state = 'paused' WHERE state = 'running'`).run()
  }

  private row(id: string): ImportRow {
    const row = this.p.db.prepare('SELECT * FROM imports WHERE id = ?').get(id) as ImportRow | undefined
    if (!row) throw new ApiError('not-found', `There is no import ${id}.`)
    return row
  }

  progress(id: string): ImportProgress {
    const row = this.row(id)
    const counts = { ...zero(), ...(JSON.parse(row.counts) as Partial<Counts>) }
    return {
      id: row.id,
      kind: row.kind,
      source: row.source,
      siteId: row.site_id,
      state: row.state,
      phase: row.phase,
      ...counts,
      error: row.error,
      startedAt: row.started_at,
      updatedAt: row.updated_at,
    }
  }

  list(): ImportProgress[] {
    return (this.p.db.prepare('SELECT id FROM imports ORDER BY started_at DESC, rowid DESC LIMIT 50').all() as { id: string }[]).map((r) => this.progress(r.id))
  }

  private at = () => new Date(this.p.clock.now()).toISOString()

  private update(id: string, fields: { state?: ImportProgress['state']; phase?: string; cursor?: unknown; counts?: Counts; error?: string | null; siteId?: string }): void {
    this.p.db
      .prepare(
        `UPDATE imports SET state = coalesce(@state, state), phase = coalesce(@phase, phase), cursor = coalesce(@cursor, cursor),
           counts = coalesce(@counts, counts), error = CASE WHEN @setError THEN @error ELSE error END, site_id = coalesce(@siteId, site_id), updated_at = @at WHERE id = @id`,
      )
      .run({
        id,
        state: fields.state ?? null,
        phase: fields.phase ?? null,
        cursor: fields.cursor === undefined ? null : JSON.stringify(fields.cursor),
        counts: fields.counts ? JSON.stringify(fields.counts) : null,
        setError: fields.error !== undefined ? 1 : 0,
        error: fields.error ?? null,
        siteId: fields.siteId ?? null,
        at: this.at(),
      })
  }

  private emit(id: string, force = false): void {
    const now = this.p.clock.now()
    if (!force && now - this.lastEmit < 200) return
    this.lastEmit = now
    this.p.events.emit('import.progress', this.progress(id))
  }

  start(input: { kind: 'wxr'; path: string; siteId?: string } | { kind: 'wordpress'; siteId: string }): ImportProgress {
    const id = randomUUID()
    const source = input.kind === 'wxr' ? path.resolve(input.path) : this.p.sites.get(input.siteId).name
    if (input.siteId) this.p.sites.get(input.siteId)
    const at = this.at()
    this.p.db
      .prepare(`INSERT INTO imports (id, kind, source, site_id, state, phase, started_at, updated_at) VALUES (?, ?, ?, ?, 'running', 'starting', ?, ?)`)
      .run(id, input.kind, source, input.siteId ?? null, at, at)
    this.launch(id)
    return this.progress(id)
  }

  resume(id: string): ImportProgress {
    const row = this.row(id)
    if (this.running.has(id)) return this.progress(id)
    if (row.state === 'done') throw new ApiError('invalid-input', 'This import is finished; start a new one to look for new posts.')
    this.update(id, { state: 'running', error: null })
    this.launch(id)
    return this.progress(id)
  }

  cancel(id: string): ImportProgress {
    const row = this.row(id)
    const run = this.running.get(id)
    if (run) run.controller.abort()
    else if (row.state === 'paused' || row.state === 'failed') this.update(id, { state: 'cancelled' })
    return this.progress(id)
  }

  /** Resolves with the import's end state (the CLI waits on it). */
  whenDone(id: string): Promise<ImportProgress> {
    return this.running.get(id)?.done ?? Promise.resolve(this.progress(id))
  }

  close(): void {
    for (const run of this.running.values()) run.controller.abort()
  }

  private launch(id: string): void {
    const controller = new AbortController()
    const done = (async () => {
      try {
        const row = this.row(id)
        await loadHtmlParser()
        if (row.kind === 'wxr') await this.runWxr(id, controller.signal)
        else await this.runPull(id, controller.signal)
        this.update(id, { state: 'done', phase: 'done', error: null })
      } catch (error) {
        if (!this.p.db.open) throw error
        if (error instanceof Cancelled || controller.signal.aborted) this.update(id, { state: 'cancelled' })
        else this.update(id, { state: 'failed', error: error instanceof WxrError || error instanceof ApiError ? error.message : String((error as Error).message ?? error) })
      } finally {
        this.running.delete(id)
      }
      if (this.p.db.open) this.emit(id, true)
      return this.progress(id)
    })()
    this.running.set(id, { controller, done })
  }

  private siteFor(id: string, baseUrl: string, title: string): string {
    const row = this.row(id)
    if (row.site_id) return row.site_id
    const normalized = baseUrl.replace(/\/+$/, '')
    const found = normalized ? this.p.sites.findByUrl(normalized) : undefined
    let siteId = found?.id
    if (!siteId) {
      // The site the export came from: kept so imported articles remember their ids there (credentials come later).
      let name = title || (normalized ? new URL(normalized).host : 'WordPress')
      for (let n = 2; this.p.db.prepare('SELECT 1 FROM sites WHERE name = ? COLLATE NOCASE').get(name); n++) name = `${title || 'WordPress'} (${n})`
      const at = this.at()
      siteId = randomUUID()
      this.p.db
        .prepare(`INSERT INTO sites (id, name, kind, base_url, username, created_at, updated_at) VALUES (?, ?, 'wordpress', ?, '', ?, ?)`)
        .run(siteId, name.slice(0, 100), normalized || 'https://example.invalid', at, at)
      this.p.events.emit('sites.changed', { siteId })
    }
    this.update(id, { siteId })
    return siteId
  }

  private async runWxr(id: string, signal: AbortSignal): Promise<void> {
    const row = this.row(id)
    const cursor = JSON.parse(row.cursor) as { items?: number }
    const skip = cursor.items ?? 0
    const counts: Counts = { ...zero(), ...(JSON.parse(row.counts) as Partial<Counts>) }
    let index = 0
    let writer: ImportWriter | undefined
    let pending: WxrItem[] = []
    // Items are written in chunks of a few hundred posts: one commit (one disk sync) per chunk, resumable after it.
    const write = async (items: WxrItem[]) => {
      const w = writer!
      this.p.archive.transaction(() => {
        for (const item of items) {
          if (index++ < skip) continue
          const isPost = item.type === 'post' && !['trash', 'auto-draft', 'inherit'].includes(item.status) && item.remoteId
          if (!isPost || !w.post(item)) counts.skipped++
          else counts.posts++
          if (isPost) for (const comment of item.comments) if (w.comment(comment) === 'added') counts.comments++
        }
        this.update(id, { cursor: { items: index }, counts })
      })
      this.emit(id)
      if (signal.aborted) throw new Cancelled()
      // Let calls from the window in between chunks: an import must not freeze the app.
      await new Promise((resolve) => setImmediate(resolve))
    }
    this.update(id, { phase: 'posts' })
    const result = await readWxr(
      row.source,
      async (items, channel) => {
        writer ??= new ImportWriter(this.p.archive, this.siteFor(id, channel.baseUrl, channel.title))
        pending.push(...items)
        if (pending.length >= 250) await write(pending.splice(0))
      },
      signal,
    )
    if (pending.length && !signal.aborted) await write(pending.splice(0))
    if (signal.aborted) throw new Cancelled()
    counts.totalPosts = counts.posts + counts.skipped
    this.update(id, { counts, cursor: { items: result.items } })
  }

  private async runPull(id: string, signal: AbortSignal): Promise<void> {
    const row = this.row(id)
    const siteId = row.site_id!
    const adapter = this.p.adapterFor(siteId)
    if (!(adapter instanceof WordPressSite)) throw new ApiError('invalid-input', 'Only a WordPress site can be imported over REST.')
    const cursor: PullCursor = { ...startCursor(), ...(JSON.parse(row.cursor) as Partial<PullCursor>) }
    const counts: Counts = { ...zero(), ...(JSON.parse(row.counts) as Partial<Counts>) }
    const writer = new ImportWriter(this.p.archive, siteId)
    const save = () => this.update(id, { cursor, counts, phase: cursor.phase })
    this.update(id, { phase: 'terms' })
    const terms: Terms = await readTerms(adapter, signal)
    counts.terms = terms.categories.size + terms.tags.size
    if (cursor.phase === 'terms') Object.assign(cursor, { phase: 'posts', page: 1 })
    save()
    while (cursor.phase === 'posts') {
      const page = await readPosts(adapter, terms, cursor.page, signal)
      if (page.total !== null) counts.totalPosts = page.total
      this.p.archive.transaction(() => {
        for (const post of page.posts) {
          if (['trash', 'auto-draft', 'inherit'].includes(post.status) || !writer.post(post)) counts.skipped++
          else counts.posts++
        }
        Object.assign(cursor, page.last ? { phase: 'comments', page: 1 } : { page: cursor.page + 1 })
        save()
      })
      this.emit(id)
      if (signal.aborted) throw new Cancelled()
    }
    while (cursor.phase === 'comments') {
      const status = cursor.statuses[0]
      if (!status) {
        cursor.phase = 'done'
        break
      }
      const page = await readComments(adapter, status, cursor.page, signal)
      this.p.archive.transaction(() => {
        for (const comment of page.comments) if (writer.comment(comment) === 'added') counts.comments++
        if (page.last) Object.assign(cursor, { page: 1, statuses: cursor.statuses.slice(1) })
        else cursor.page++
        save()
      })
      this.emit(id)
      if (signal.aborted) throw new Cancelled()
    }
    save()
  }
}
