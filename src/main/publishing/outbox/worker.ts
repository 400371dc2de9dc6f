// The outbox worker: sends due items with a few in flight, records each answer, backs off, and holds a site with a problem.
import type { OutboxError } from '../../../shared/publishing'
import { SendError, fromTransport, type ArticlePayload, type SendContext, type SiteAdapter } from '../sites/adapter'
import { backoffDelay, defaultBackoff, systemClock, type BackoffPolicy, type Clock } from './clock'
import type { OutboxRow, OutboxStore, Outcome } from './store'

export interface Touched {
  siteIds: Set<string>
  batchIds: Set<string>
  itemIds: Set<string>
}

export interface WorkerOptions {
  store: OutboxStore
  adapterFor: (siteId: string) => SiteAdapter
  /** A site's whole queue waits (credentials refused, not an API): recorded on the site until the editor fixes it. */
  siteProblem: (siteId: string, problem: { code: string; message: string }) => void
  /** Items sent at the same time, over all sites. */
  concurrency?: number
  clock?: Clock
  random?: () => number
  backoff?: BackoffPolicy
  /** Server errors (5xx, timeouts, resets) after which an item fails; an unreachable site is waited for without limit. */
  maxServerFailures?: number
  /** Longest wait while the site cannot be reached at all. */
  offlineMaxMs?: number
  /**
   * Answers are written together, this many milliseconds after the first (at once when nothing more waits to go), so
   * a busy batch costs one disk sync per handful of items rather than one each; the slot is free meanwhile. 0: at once.
   */
  flushWindowMs?: number
  /** Told what changed, at most every `notifyMs`. */
  notify?: (touched: Touched) => void
  notifyMs?: number
  report?: (error: unknown) => void
}

interface Flight {
  row: OutboxRow
  controller: AbortController
  done: Promise<void>
}

export class OutboxWorker {
  private readonly clock: Clock
  private readonly random: () => number
  private readonly concurrency: number
  private readonly inflight = new Map<number, Flight>()
  /** Claimed (marked sending in one transaction) and about to go: claiming a few at a time saves a commit per item. */
  private ready: OutboxRow[] = []
  /** Sites that just answered with a problem of their own: nothing more goes to them until the editor acts. */
  private readonly held = new Set<string>()
  private results: { row: OutboxRow; outcome: Outcome }[] = []
  private timer: unknown
  private timerAt = Infinity
  private flushQueued: false | 'now' | 'later' = false
  private flushTimer: NodeJS.Timeout | undefined
  private running = false
  private touched: Touched = { siteIds: new Set(), batchIds: new Set(), itemIds: new Set() }
  private notifyTimer: unknown
  private lastNotify = 0
  private idleWaiters: (() => void)[] = []
  /** Sends comment items (moderation decisions, replies, edits, deletions): the comments capability installs it. */
  commentSender?: (row: OutboxRow, context: SendContext) => Promise<Outcome>

  constructor(private readonly options: WorkerOptions) {
    this.clock = options.clock ?? systemClock
    this.random = options.random ?? Math.random
    this.concurrency = options.concurrency ?? 6
  }

  get isRunning(): boolean {
    return this.running
  }

  /** Starts sending: items a crash left "sending" go back to the queue as possibly received. */
  start(): void {
    if (this.running) return
    this.running = true
    this.options.store.recover()
    this.pump()
  }

  /** Something was queued or a site was fixed: look for due items now. */
  poke(): void {
    // The archive says which sites have a problem; what this worker held in memory is re-read from it.
    this.held.clear()
    if (this.running) this.pump()
  }

  /**
   * Stops at once: requests in flight are aborted and their answers not recorded (they stay "sending" and are
   * re-queued as possibly received at the next start, exactly as after a crash).
   */
  halt(): void {
    this.running = false
    this.clearTimer()
    if (this.notifyTimer !== undefined) this.clock.clearTimeout(this.notifyTimer)
    this.notifyTimer = undefined
    for (const flight of this.inflight.values()) flight.controller.abort()
    this.inflight.clear()
    this.ready = []
    this.results = []
    if (this.flushTimer !== undefined) clearTimeout(this.flushTimer)
    this.flushTimer = undefined
    this.flushQueued = false
    this.resolveIdle()
  }

  /** Puts claimed items that have not gone out yet back in the queue (a cancelled batch, a site with a problem). */
  release(which: (row: OutboxRow) => boolean): void {
    const back = this.ready.filter(which)
    if (!back.length) return
    this.ready = this.ready.filter((row) => !which(row))
    try {
      this.options.store.unclaim(back.map((row) => row.seq))
    } catch (error) {
      this.options.report?.(error)
    }
  }

  /** Stops taking new items and waits for those in flight to be answered and recorded. */
  async stop(): Promise<void> {
    this.running = false
    this.clearTimer()
    this.release(() => true)
    await Promise.all([...this.inflight.values()].map((f) => f.done))
    this.flush()
    this.sendNotice()
  }

  /** Resolves when nothing is in flight and nothing due now can be claimed (later retries may still be waiting). */
  whenIdle(): Promise<void> {
    if (!this.running) return Promise.resolve()
    const idle = new Promise<void>((resolve) => this.idleWaiters.push(resolve))
    if (!this.inflight.size && !this.results.length && !this.ready.length) this.pump()
    return idle
  }

  private resolveIdle(): void {
    const waiters = this.idleWaiters
    this.idleWaiters = []
    for (const resolve of waiters) resolve()
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer)
    this.timer = undefined
    this.timerAt = Infinity
  }

  private pump(): void {
    if (!this.running) return
    this.launchReady()
    let drained = false
    // A pending flush claims in its own transaction; otherwise claim here when fewer than a round is waiting.
    // One instant for the claim and the timer: an item due between the two would otherwise wait for nothing.
    const now = this.clock.now()
    if (!this.flushQueued && this.ready.length < this.concurrency) {
      const want = this.claimWant()
      if (want > 0) {
        try {
          const rows = this.options.store.claim(want, new Date(now))
          drained = rows.length < want
          this.ready.push(...rows)
        } catch (error) {
          this.options.report?.(error)
          drained = true
        }
        this.launchReady()
      }
    }
    // Nothing more is due now: wake up for the next item that falls due later.
    if (drained) this.schedule(now)
    if (this.inflight.size === 0 && this.ready.length === 0 && this.results.length === 0) this.resolveIdle()
  }

  /** Claimed items are kept for about four rounds: one commit claims many (a crash re-sends them as possibly received). */
  private claimWant(): number {
    return 4 * this.concurrency - this.inflight.size - this.ready.length
  }

  private launchReady(): void {
    if (this.held.size) this.release((row) => this.held.has(row.site_id))
    while (this.inflight.size < this.concurrency && this.ready.length) this.launch(this.ready.shift()!)
  }

  /** A timer for the next item that falls due later; items due now but waiting on another are pumped by its answer. */
  private schedule(now: number): void {
    const next = this.options.store.nextDue()
    // Due at the instant of the claim that did not take it: it waits for another item (same article, its article).
    let at = next === null ? Infinity : Date.parse(next)
    if (at <= now) at = this.inflight.size ? Infinity : this.laterDue(now)
    if (at === this.timerAt) return
    this.clearTimer()
    if (at === Infinity) return
    this.timerAt = at
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined
      this.timerAt = Infinity
      this.pump()
    }, at - now)
  }

  private laterDue(now: number): number {
    const later = this.options.store.nextDueAfter(new Date(now).toISOString())
    return later === null ? Infinity : Date.parse(later)
  }

  private launch(row: OutboxRow): void {
    const controller = new AbortController()
    this.touch(row)
    const done = this.send(row, controller.signal).then((outcome) => {
      if (this.inflight.get(row.seq)?.controller !== controller) return
      // The slot is free at once; the answer is written with others shortly after (group commit).
      this.inflight.delete(row.seq)
      this.results.push({ row, outcome })
      if (outcome.kind === 'failed' && outcome.siteProblem) this.held.add(row.site_id)
      this.launchReady()
      this.queueFlush()
    })
    this.inflight.set(row.seq, { row, controller, done })
  }

  private queueFlush(): void {
    // Answers that arrive together are written in one transaction (one disk sync instead of one each); the wait ends
    // early when the claimed items run low, so claiming the next ones never waits for the window.
    const window = this.options.flushWindowMs ?? 10
    const urgent = window === 0 || this.inflight.size === 0 || this.ready.length === 0
    if (this.flushQueued === 'now' || (this.flushQueued === 'later' && !urgent)) return
    if (this.flushTimer !== undefined) clearTimeout(this.flushTimer)
    this.flushTimer = undefined
    const run = () => {
      this.flushQueued = false
      this.flushTimer = undefined
      this.flush()
      this.pump()
    }
    if (urgent) {
      this.flushQueued = 'now'
      setImmediate(run)
    } else {
      this.flushQueued = 'later'
      this.flushTimer = setTimeout(run, window)
    }
  }

  private flush(): void {
    if (!this.results.length) return
    const results = this.results
    this.results = []
    try {
      // The answers and the next claim in one transaction: one disk sync for both.
      const claimed = this.options.store.finish(results, this.running && this.ready.length < this.concurrency ? this.claimWant() : 0)
      this.ready.push(...claimed)
    } catch (error) {
      this.options.report?.(error)
    }
    for (const { row, outcome } of results) {
      this.touch(row)
      if (outcome.kind === 'failed' && outcome.siteProblem) {
        this.options.siteProblem(row.site_id, { code: outcome.error.code, message: outcome.error.message })
        this.release((r) => r.site_id === row.site_id)
      }
    }
    this.noticeSoon()
  }

  private touch(row: OutboxRow): void {
    this.touched.siteIds.add(row.site_id)
    this.touched.itemIds.add(row.id)
    if (row.batch_id) this.touched.batchIds.add(row.batch_id)
  }

  private noticeSoon(): void {
    if (!this.options.notify || this.notifyTimer !== undefined) return
    const wait = Math.max(0, this.lastNotify + (this.options.notifyMs ?? 250) - this.clock.now())
    if (wait === 0) return this.sendNotice()
    this.notifyTimer = this.clock.setTimeout(() => {
      this.notifyTimer = undefined
      this.sendNotice()
    }, wait)
  }

  private sendNotice(): void {
    if (!this.options.notify || !this.touched.itemIds.size) return
    const touched = this.touched
    this.touched = { siteIds: new Set(), batchIds: new Set(), itemIds: new Set() }
    this.lastNotify = this.clock.now()
    try {
      this.options.notify(touched)
    } catch (error) {
      this.options.report?.(error)
    }
  }

  private async send(row: OutboxRow, signal: AbortSignal): Promise<Outcome> {
    try {
      const adapter = this.options.adapterFor(row.site_id)
      const known = this.options.store.remote(row.site_id, row.article_id)
      const context = { idempotencyKey: row.idempotency_key, outcomeUnknown: row.outcome_unknown === 1, signal }
      if (row.kind === 'article.publish') {
        const remote = await adapter.publish(JSON.parse(row.payload) as ArticlePayload, known, context)
        return { kind: 'done', remote, revisionId: row.revision_id }
      }
      if (row.kind === 'article.unpublish') {
        if (!known) throw new SendError('not-found', 'This article was never published to this site, so there is nothing to unpublish.', 'never')
        return { kind: 'done', remote: await adapter.unpublish(known, context), revisionId: null }
      }
      if ((row.kind === 'comment.moderate' || row.kind === 'comment.reply') && this.commentSender) return await this.commentSender(row, context)
      throw new SendError('internal', `Kopij cannot send ${row.kind} items here.`, 'never')
    } catch (error) {
      return this.outcomeOf(row, fromTransport(error))
    }
  }

  private outcomeOf(row: OutboxRow, error: SendError): Outcome {
    const now = this.clock.now()
    if (error.code === 'conflict') return { kind: 'conflict', error: error.toOutboxError(false), theirs: error.extra.theirs ?? null }
    if (error.extra.siteProblem || error.retry === 'never') return { kind: 'failed', error: error.toOutboxError(false), siteProblem: Boolean(error.extra.siteProblem) }
    const policy = this.options.backoff ?? defaultBackoff
    const counts = error.retry === 'backoff' && error.code !== 'rate-limited'
    if (counts && row.failures + 1 >= (this.options.maxServerFailures ?? 10)) {
      const failed = new SendError(error.code, `${error.message} Kopij tried ${row.attempts} times and stopped; retry when the site works again.`, 'never', error.extra)
      return { kind: 'failed', error: failed.toOutboxError(false), siteProblem: false }
    }
    const cap = error.retry === 'wait' ? { ...policy, maxMs: Math.min(policy.maxMs, this.options.offlineMaxMs ?? 60_000) } : policy
    const delay = error.extra.retryAfterMs ?? backoffDelay(row.attempts, cap, this.random)
    const outOfBand: OutboxError = error.toOutboxError(true)
    return { kind: 'retry', at: new Date(now + delay).toISOString(), error: outOfBand, outcomeUnknown: Boolean(error.extra.sent), countsAsFailure: counts }
  }
}
