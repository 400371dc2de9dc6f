// The publishing service: sites with their secrets and adapters, the outbox with its worker, imports; events out.
import type { Database } from 'better-sqlite3'
import type { Article } from '../../shared/articles'
import { ApiError } from '../../shared/errors'
import type { Conflict, RemoteStatus, Site, SiteDraft, SiteTestResult } from '../../shared/publishing'
import type { Archive } from '../archive'
import type { EventBus } from '../events'
import type { CredentialStore } from './credentials'
import { publishedHtml, type BodyRenderer, type Published } from './html/render'
import type { BackoffPolicy, Clock } from './outbox/clock'
import { systemClock } from './outbox/clock'
import { OutboxStore, type OutboxRow } from './outbox/store'
import { OutboxWorker, type Touched } from './outbox/worker'
import type { ArticlePayload, SiteAdapter } from './sites/adapter'
import { HttpClient } from './sites/http'
import { KopijApiSite } from './sites/kopij-api'
import { SiteStore, type StoredSite } from './sites/store'
import { WordPressSite, type TermCache } from './sites/wordpress'

export interface PublishingOptions {
  credentials: CredentialStore
  clock?: Clock
  random?: () => number
  /** Items in flight at once (default 6). */
  concurrency?: number
  backoff?: BackoffPolicy
  maxServerFailures?: number
  /** Per-request deadline (default 30 s). */
  timeoutMs?: number
  report?: (error: unknown) => void
  /** The body before sanitizing (default: the document model's HTML; Kopij passes the citations renderer). */
  renderBody?: BodyRenderer
}

/** Errors that belong to the site rather than the item: fixing the site sends those items again. */
export const siteProblemCodes = ['unauthorized', 'not-an-api', 'redirected', 'invalid-answer', 'network']

export class Publishing {
  readonly sites: SiteStore
  readonly outbox: OutboxStore
  readonly worker: OutboxWorker
  readonly clock: Clock
  private readonly http: HttpClient
  private readonly adapters = new Map<string, SiteAdapter>()
  /** Conflicts of comment items (a moderation decision the site's status contradicts): the comments capability's. */
  commentConflicts?: { read(row: OutboxRow): Conflict; resolve(row: OutboxRow, choice: 'keep-mine' | 'take-theirs'): void }

  constructor(
    readonly archive: Archive,
    readonly events: EventBus,
    readonly options: PublishingOptions,
  ) {
    this.clock = options.clock ?? systemClock
    const now = () => new Date(this.clock.now())
    this.sites = new SiteStore(archive.db, now)
    this.outbox = new OutboxStore(archive.db, now)
    this.http = new HttpClient(Math.max(8, options.concurrency ?? 6))
    this.worker = new OutboxWorker({
      store: this.outbox,
      adapterFor: (siteId) => this.adapterFor(siteId),
      siteProblem: (siteId, problem) => {
        this.sites.setProblem(siteId, problem)
        this.events.emit('sites.changed', { siteId })
      },
      concurrency: options.concurrency,
      clock: this.clock,
      random: options.random,
      backoff: options.backoff,
      maxServerFailures: options.maxServerFailures,
      notify: (touched) => this.announce(touched),
      report: options.report,
    })
  }

  get db(): Database {
    return this.archive.db
  }

  toSite(site: StoredSite): Site {
    return { ...site, hasSecret: this.options.credentials.get(site.id) !== undefined, secretStore: this.options.credentials.description }
  }

  /** The adapter for a site, made once; `forgetAdapter` after the site or its secret changed. */
  adapterFor(siteId: string): SiteAdapter {
    const known = this.adapters.get(siteId)
    if (known) return known
    const adapter = this.makeAdapter(this.sites.get(siteId), this.options.credentials.get(siteId), siteId)
    this.adapters.set(siteId, adapter)
    return adapter
  }

  forgetAdapter(siteId: string): void {
    this.adapters.get(siteId)?.close()
    this.adapters.delete(siteId)
  }

  makeAdapter(site: Pick<SiteDraft, 'kind' | 'baseUrl' | 'username'>, secret: string | undefined, siteId?: string): SiteAdapter {
    const now = () => this.clock.now()
    if (site.kind === 'kopij-api') return new KopijApiSite(site.baseUrl, secret, this.http, now, this.options.timeoutMs)
    const terms: TermCache = siteId ? this.termCache(siteId) : { get: () => undefined, set: () => {} }
    return new WordPressSite(site.baseUrl, site.username, secret, this.http, terms, now, this.options.timeoutMs)
  }

  private termCache(siteId: string): TermCache {
    return {
      get: (taxonomy, key) =>
        (this.db.prepare('SELECT remote_id FROM remote_terms WHERE site_id = ? AND taxonomy = ? AND key = ?').get(siteId, taxonomy, key) as { remote_id: string } | undefined)?.remote_id,
      set: (taxonomy, key, id) =>
        void this.db.prepare('INSERT OR REPLACE INTO remote_terms (site_id, taxonomy, key, remote_id) VALUES (?, ?, ?, ?)').run(siteId, taxonomy, key, id),
    }
  }

  /** Tests a saved site; a good answer lifts the site's problem and sends what waited for it. */
  async testSite(siteId: string): Promise<SiteTestResult> {
    // Read the site and its secret afresh: another Kopij (the CLI) may have changed them.
    this.forgetAdapter(siteId)
    const result = await this.adapterFor(siteId).test()
    this.sites.setLastTest(siteId, { ok: result.ok, message: result.message })
    if (result.ok && this.sites.get(siteId).problem) this.siteFixed(siteId)
    this.events.emit('sites.changed', { siteId })
    return result
  }

  /** The site's problem is gone: items that failed because of it go back to the queue. */
  siteFixed(siteId: string): void {
    this.forgetAdapter(siteId)
    this.sites.setProblem(siteId, null)
    const ids = this.outbox.requeue({ siteId, codes: siteProblemCodes })
    this.announce({ siteIds: new Set([siteId]), batchIds: new Set(), itemIds: new Set(ids) }, true)
    this.worker.poke()
  }

  rendered(article: Article): Published {
    return publishedHtml(article, this.options.renderBody)
  }

  payload(article: Article, rendered: Published, remoteStatus: RemoteStatus, publishAt: string | undefined): ArticlePayload {
    return {
      articleId: article.id,
      revisionId: article.revisionId,
      title: article.title.trim(),
      slug: article.slug,
      html: rendered.html,
      excerpt: article.excerpt.trim(),
      language: article.language,
      categoryPath: article.categoryPath,
      tags: article.tags,
      remoteStatus,
      publishAt: remoteStatus === 'future' ? (publishAt ?? null) : null,
    }
  }

  /** Events for what changed: outbox counts per site, and each touched batch's progress. */
  announce(touched: Touched, batchesFromItems = false): void {
    if (batchesFromItems)
      for (const id of touched.itemIds) {
        const batchId = this.outbox.row(id).batch_id
        if (batchId) touched.batchIds.add(batchId)
      }
    for (const siteId of touched.siteIds)
      this.events.emit('outbox.changed', { siteId, itemIds: [...touched.itemIds].slice(0, 1000), counts: this.outbox.siteCounts(siteId) })
    for (const batchId of touched.batchIds) this.events.emit('publish.progress', this.outbox.batch(batchId))
  }

  requireSite(siteId: string): StoredSite {
    const site = this.sites.get(siteId)
    if (!site) throw new ApiError('not-found', `There is no site ${siteId}.`)
    return site
  }

  close(): void {
    this.worker.halt()
    for (const adapter of this.adapters.values()) adapter.close()
    this.http.close()
  }
}
