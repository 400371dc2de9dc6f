// Online lookups from a queue in the archive: Crossref for DOIs, PubMed for PMIDs, one at a time, retried with backoff.
import { CslItem, type CitationSettings } from '../../shared/citations'
import type { Archive } from '../archive'
import type { EventBus } from '../events'
import type { Identifier } from './identifiers'
import { readMedline } from './import'
import { tidy } from './records'
import type { SourceStore } from './store'

export interface LookupOptions {
  crossrefUrl?: string
  pubmedUrl?: string
  fetch?: typeof fetch
  timeoutMs?: number
  /** Milliseconds before the first retry; doubled per attempt up to an hour. */
  retryMs?: number
}

export const defaultLookupUrls = {
  crossrefUrl: 'https://api.crossref.org',
  pubmedUrl: 'https://eutils.ncbi.nlm.nih.gov/entrez/eutils',
}

/** The CSL variables Kopij keeps from a lookup; Crossref also sends references, licences and funders by the hundred. */
const kept = new Set([
  'type', 'title', 'container-title', 'container-title-short', 'author', 'editor', 'issued', 'volume', 'issue', 'page',
  'DOI', 'PMID', 'PMCID', 'URL', 'ISSN', 'ISBN', 'publisher', 'publisher-place', 'abstract', 'language', 'edition',
  'number', 'collection-title', 'event-title', 'genre', 'note', 'subtitle', 'article-number',
])

class NotFound extends Error {}

interface Due {
  source_id: string
  kind: Identifier['kind']
  value: string
  attempts: number
}

export class LookupQueue {
  private timer: ReturnType<typeof setTimeout> | undefined
  private busy = false
  private closed = false
  private readonly options: Required<LookupOptions>

  constructor(
    private readonly archive: Archive,
    private readonly store: SourceStore,
    private readonly events: EventBus,
    private readonly settings: () => CitationSettings,
    options: LookupOptions = {},
  ) {
    this.options = { ...defaultLookupUrls, fetch: globalThis.fetch, timeoutMs: 15_000, retryMs: 30_000, ...options }
  }

  enqueue(sourceId: string, identifier: Identifier): void {
    const on = this.settings().onlineLookups
    this.archive.transaction(() => {
      this.archive.db
        .prepare('INSERT OR REPLACE INTO source_lookups (source_id, kind, value, attempts, next_at) VALUES (?, ?, ?, 0, ?)')
        .run(sourceId, identifier.kind, identifier.value, new Date(0).toISOString())
      this.store.setLookup(sourceId, on ? 'queued' : 'off')
    })
    this.kick(0)
  }

  /** Runs what is due now (the network may be back); waits for the next due lookup otherwise. */
  kick(delayMs = 0): void {
    if (this.closed || !this.settings().onlineLookups) return
    clearTimeout(this.timer)
    // A failure here (the archive closed or read-only under it) must not become an unhandled rejection in main.
    this.timer = setTimeout(() => void this.drain().catch(() => undefined), delayMs)
    this.timer.unref?.()
  }

  /** Lookups switched back on, or the network came back: every waiting lookup is due now. */
  retryAll(): void {
    this.archive.transaction(() => {
      this.archive.db.prepare('UPDATE source_lookups SET next_at = ?').run(new Date(0).toISOString())
      this.archive.db.prepare(`UPDATE sources SET lookup = ? WHERE id IN (SELECT source_id FROM source_lookups)`).run(this.settings().onlineLookups ? 'queued' : 'off')
    })
    this.kick(0)
  }

  close(): void {
    this.closed = true
    clearTimeout(this.timer)
  }

  /** One lookup at a time until none is due; resolves when the queue is idle (tests await it). */
  async drain(): Promise<void> {
    if (this.busy || this.closed) return
    this.busy = true
    try {
      for (;;) {
        if (this.closed || !this.settings().onlineLookups) return
        const due = this.archive.db
          .prepare('SELECT source_id, kind, value, attempts FROM source_lookups WHERE next_at <= ? ORDER BY next_at, source_id LIMIT 1')
          .get(new Date().toISOString()) as Due | undefined
        if (!due) break
        await this.lookUp(due)
      }
      const next = this.archive.db.prepare('SELECT min(next_at) FROM source_lookups').pluck().get() as string | null
      if (next) this.kick(Math.max(1000, Date.parse(next) - Date.now()))
    } finally {
      this.busy = false
    }
  }

  private async lookUp(due: Due): Promise<void> {
    try {
      const found = due.kind === 'doi' ? await this.crossref(due.value) : await this.pubmed(due.value)
      if (this.closed) return
      this.archive.transaction(() => {
        this.apply(due.source_id, found)
        this.archive.db.prepare('DELETE FROM source_lookups WHERE source_id = ?').run(due.source_id)
      })
    } catch (error) {
      if (this.closed) return
      const message = String((error as Error)?.message ?? error).slice(0, 300)
      this.archive.transaction(() => {
        if (error instanceof NotFound) {
          this.archive.db.prepare('DELETE FROM source_lookups WHERE source_id = ?').run(due.source_id)
          this.store.setLookup(due.source_id, 'failed', message)
        } else {
          // Offline, a time-out or a busy server: the same lookup later, less often each time.
          const wait = Math.min(this.options.retryMs * 2 ** due.attempts, 3_600_000)
          this.archive.db
            .prepare('UPDATE source_lookups SET attempts = attempts + 1, next_at = ?, last_error = ? WHERE source_id = ?')
            .run(new Date(Date.now() + wait).toISOString(), message, due.source_id)
          this.store.setLookup(due.source_id, 'queued', message)
        }
      })
    }
    this.events.emit('sources.changed', { ids: [due.source_id] })
  }

  /** A provisional source takes the looked-up record whole; a source the editor filled keeps its fields, gaps filled. */
  private apply(sourceId: string, found: CslItem): void {
    let current
    try {
      current = this.store.get(sourceId)
    } catch {
      return
    }
    const fields = Object.fromEntries(Object.entries(tidy(found)).filter(([key]) => kept.has(key)))
    const csl = current.provisional ? { ...fields, id: current.id } : { ...fields, ...current.csl }
    this.store.update(current.id, csl as CslItem, undefined, { provisional: false, lookup: 'done', error: null })
  }

  private async get(url: string, accept: string): Promise<string> {
    const response = await this.options.fetch(url, {
      headers: { accept, 'user-agent': 'Kopij/0.1 (offline-first editorial workstation)' },
      signal: AbortSignal.timeout(this.options.timeoutMs),
    })
    if (response.status === 404) throw new NotFound(`not found (${url})`)
    if (!response.ok) throw new Error(`HTTP ${response.status} from ${new URL(url).host}`)
    const text = await response.text()
    if (text.length > 2_000_000) throw new Error('answer too large')
    return text
  }

  private async crossref(doi: string): Promise<CslItem> {
    const text = await this.get(`${this.options.crossrefUrl}/works/${encodeURIComponent(doi)}/transform/application/vnd.citationstyles.csl+json`, 'application/vnd.citationstyles.csl+json')
    let json: Record<string, unknown>
    try {
      json = JSON.parse(text)
    } catch {
      throw new Error('Crossref answered with something that is not JSON')
    }
    // The transform sometimes gives titles as one-element arrays, and abstracts as JATS markup.
    for (const key of ['title', 'container-title', 'container-title-short'])
      if (Array.isArray(json[key])) json[key] = (json[key] as unknown[])[0]
    if (typeof json.abstract === 'string') json.abstract = json.abstract.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()
    const parsed = CslItem.safeParse({ ...json, id: 'lookup', type: typeof json.type === 'string' ? json.type.replace(/^journal-article$/, 'article-journal') : 'article-journal' })
    if (!parsed.success) throw new NotFound(`Crossref's record for ${doi} is not a CSL item`)
    return { ...parsed.data, DOI: doi }
  }

  private async pubmed(pmid: string): Promise<CslItem> {
    const text = await this.get(`${this.options.pubmedUrl}/efetch.fcgi?db=pubmed&id=${encodeURIComponent(pmid)}&rettype=medline&retmode=text`, 'text/plain')
    const csl = readMedline(text)
    if (!csl || csl.PMID !== pmid) throw new NotFound(`PubMed has no record ${pmid}`)
    return csl
  }
}
