// Autosave: marks the draft dirty per change (cheap), commits it shortly after the last change, one save at a time.
import type { ArticleFields, SaveArticleInput, SaveArticleResult } from '../../shared/articles'
import { ApiError, type ErrorCode } from '../../shared/errors'

export type SaveState =
  | { kind: 'saved'; at: string }
  | { kind: 'unsaved' }
  | { kind: 'saving' }
  /** Not saved: the text stays in memory and a retry is scheduled (retryAt: epoch ms) unless it is pointless. */
  | { kind: 'error'; code: ErrorCode; retryAt: number | null; kept?: boolean }
  /** The article changed elsewhere since our base revision: nothing is saved until the editor chooses. */
  | { kind: 'conflict'; currentRevisionId: number | null }

export interface AutosaveOptions {
  articleId: string
  baseRevisionId: number
  savedAt: string
  /** Reads the whole draft; called when a save starts, never per change. */
  collect(): ArticleFields
  save(input: SaveArticleInput): Promise<SaveArticleResult>
  /** Told after each committed save, with the fields that were sent. */
  onSaved?(result: SaveArticleResult, sent: ArticleFields): void
  /** Quiet time after the last change before saving. */
  debounceMs?: number
  /** Longest a change waits while the editor keeps typing. */
  maxWaitMs?: number
  retryDelaysMs?: readonly number[]
  /** Runs a save that interrupts typing when the main thread is idle (requestIdleCallback in the browser). */
  whenIdle?(run: () => void): () => void
  now?(): number
}

const defaultRetryDelays = [1_000, 2_000, 5_000, 10_000, 30_000]
/** Codes a retry cannot fix by itself; the editor gets the retry button only. */
const hopeless = new Set<ErrorCode>(['invalid-input', 'not-found', 'archive-read-only', 'archive-too-new', 'archive-corrupt', 'unknown-call'])

const defaultWhenIdle = (run: () => void): (() => void) => {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(run, { timeout: 200 })
    return () => cancelIdleCallback(handle)
  }
  const handle = setTimeout(run, 0)
  return () => clearTimeout(handle)
}

export class Autosave {
  private state: SaveState
  private dirty = false
  private inFlight: Promise<void> | null = null
  private baseRevisionId: number
  private attempts = 0
  private disposed = false
  /** A timer came due while a save was in flight: save again as soon as it ends. */
  private startWhenDone = false
  private debounceTimer: ReturnType<typeof setTimeout> | undefined
  private maxWaitTimer: ReturnType<typeof setTimeout> | undefined
  private retryTimer: ReturnType<typeof setTimeout> | undefined
  private cancelIdle: (() => void) | undefined
  private readonly listeners = new Set<() => void>()
  private readonly options: Required<Omit<AutosaveOptions, 'onSaved'>> & Pick<AutosaveOptions, 'onSaved'>

  constructor(options: AutosaveOptions) {
    this.options = {
      debounceMs: 400,
      // The archive is the source of truth: even while the editor types on, a key is committed within about a second.
      maxWaitMs: 600,
      retryDelaysMs: defaultRetryDelays,
      whenIdle: defaultWhenIdle,
      now: () => Date.now(),
      ...options,
    }
    this.baseRevisionId = options.baseRevisionId
    this.state = { kind: 'saved', at: options.savedAt }
  }

  getState = (): SaveState => this.state

  /** For useSyncExternalStore: told when the state object changes (not per keystroke). */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  get revisionId(): number {
    return this.baseRevisionId
  }

  get isDirty(): boolean {
    return this.dirty
  }

  /** Called on every change: O(1), no reading of the document. */
  markDirty(): void {
    if (this.disposed) return
    this.dirty = true
    if (this.state.kind === 'conflict' || this.state.kind === 'error') return
    if (this.state.kind === 'saved') this.setState({ kind: 'unsaved' })
    clearTimeout(this.debounceTimer)
    this.debounceTimer = setTimeout(() => this.start(), this.options.debounceMs)
    // While the editor keeps typing, the draft still reaches the archive, in an idle moment between keystrokes.
    this.maxWaitTimer ??= setTimeout(() => {
      this.maxWaitTimer = undefined
      this.cancelIdle?.()
      this.cancelIdle = this.options.whenIdle(() => {
        this.cancelIdle = undefined
        this.start()
      })
    }, this.options.maxWaitMs)
  }

  /** Saves now whatever is unsaved and waits for it; true when everything is in the archive. */
  async flush(): Promise<boolean> {
    while (!this.disposed) {
      if (this.inFlight) {
        await this.inFlight
        continue
      }
      if (!this.dirty) return true
      if (this.state.kind === 'conflict') return false
      await this.run()
      if (this.state.kind === 'error') return false
    }
    return !this.dirty
  }

  /** The retry button: try again at once, whatever the backoff said. */
  retryNow(): void {
    if (this.state.kind === 'conflict') return
    void this.flush()
  }

  /** "Keep my text": save the draft on top of the revision that is now current; the other one stays in history. */
  overwrite(currentRevisionId: number): void {
    if (this.state.kind !== 'conflict') return
    this.baseRevisionId = currentRevisionId
    this.dirty = true
    this.setState({ kind: 'unsaved' })
    void this.flush()
  }

  /**
   * The article is closing (another one opens): take what is unsaved now, while the editor still exists, and save it
   * after any save in flight. Keys typed in the moment between the last flush and the switch are not lost.
   */
  close(): void {
    if (this.disposed) return
    let fields: ArticleFields | null = null
    if (this.dirty && this.state.kind !== 'conflict') {
      try {
        fields = this.options.collect()
      } catch (error) {
        console.error('Kopij: could not read the closing article', error)
      }
    }
    const inFlight = this.inFlight
    this.dispose()
    if (!fields) return
    const last = fields
    const send = () =>
      this.options.save({ ...last, id: this.options.articleId, baseRevisionId: this.baseRevisionId }).catch((error: unknown) => {
        console.error('Kopij: the last changes of a closed article were not saved', error)
      })
    void (inFlight ?? Promise.resolve()).then(send, send)
  }

  dispose(): void {
    this.disposed = true
    this.clearTimers()
    this.listeners.clear()
  }

  private start(): void {
    if (this.disposed || !this.dirty || this.state.kind === 'conflict') return
    if (this.inFlight) {
      this.startWhenDone = true
      return
    }
    void this.run()
  }

  private clearTimers(): void {
    clearTimeout(this.debounceTimer)
    clearTimeout(this.maxWaitTimer)
    clearTimeout(this.retryTimer)
    this.cancelIdle?.()
    this.debounceTimer = this.maxWaitTimer = this.retryTimer = this.cancelIdle = undefined
  }

  private run(): Promise<void> {
    this.clearTimers()
    this.startWhenDone = false
    const promise = this.attempt().finally(() => {
      this.inFlight = null
    })
    this.inFlight = promise
    return promise
  }

  private async attempt(): Promise<void> {
    let fields: ArticleFields
    try {
      fields = this.options.collect()
    } catch (error) {
      return this.failed(error)
    }
    // Changes from here on belong to the next save.
    this.dirty = false
    this.setState({ kind: 'saving' })
    let result: SaveArticleResult
    try {
      result = await this.options.save({ ...fields, id: this.options.articleId, baseRevisionId: this.baseRevisionId })
    } catch (error) {
      this.dirty = true
      return this.failed(error)
    }
    this.baseRevisionId = result.article.revisionId
    if (this.disposed) return
    this.attempts = 0
    this.options.onSaved?.(result, fields)
    if (this.dirty) {
      this.setState({ kind: 'unsaved' })
      // Changes made while saving keep their own timers (armed by markDirty); one that came due meanwhile runs now.
      // Starting unconditionally would chain saves back to back for as long as the editor types.
      if (this.startWhenDone) {
        this.startWhenDone = false
        clearTimeout(this.debounceTimer)
        this.debounceTimer = setTimeout(() => this.start(), 0)
      }
    } else this.setState({ kind: 'saved', at: result.article.updatedAt })
  }

  private failed(error: unknown): void {
    if (this.disposed) return
    this.dirty = true
    const code: ErrorCode = error instanceof ApiError ? error.code : 'internal'
    if (code === 'conflict') {
      const current = (error as ApiError).details as { currentRevisionId?: unknown } | undefined
      const id = typeof current?.currentRevisionId === 'number' ? current.currentRevisionId : null
      return this.setState({ kind: 'conflict', currentRevisionId: id })
    }
    this.attempts++
    // Main put the text in a recovery file as well: the editor may close the window without losing it.
    const kept = error instanceof ApiError && typeof (error.details as { recoveryFile?: unknown } | undefined)?.recoveryFile === 'string' ? { kept: true } : {}
    if (hopeless.has(code)) return this.setState({ kind: 'error', code, retryAt: null, ...kept })
    const delays = this.options.retryDelaysMs
    const delay = delays[Math.min(this.attempts - 1, delays.length - 1)] ?? 30_000
    clearTimeout(this.retryTimer)
    this.retryTimer = setTimeout(() => this.start(), delay)
    this.setState({ kind: 'error', code, retryAt: this.options.now() + delay, ...kept })
  }

  private setState(state: SaveState): void {
    this.state = state
    for (const listener of [...this.listeners]) listener()
  }
}
