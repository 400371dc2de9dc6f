// One open article's citations: what main formatted for its sources, and the picker's open/closed state.
import type { ArticleLanguage } from '../../shared/articles'
import { citationLocale, type Formatting } from '../../shared/citations'
import type { DerivedCitations } from '../../shared/document/bibliography'
import type { CitationItem } from '../../shared/citations'
import type { CitationStyle } from '../../shared/citations'
import { call, on } from '../api'
import { Store } from '../editor/session'

/** What the picker is opened for: a new citation at the cursor, or the citation at `pos`. */
export type PickerRequest = { kind: 'insert' } | { kind: 'edit'; pos: number; items: CitationItem[] }

const emptyDerived: DerivedCitations = { style: 'vancouver', labels: [], segments: [], entries: [], cited: [] }

/**
 * Formatting comes from main (citeproc runs there); numbering and labels are derived here from the document on every
 * change. When the document cites a source main has not formatted for this style and language, one request asks for
 * all cited sources; the answer re-renders labels and bibliography (`onFormatted`).
 */
export class CitationEngine {
  readonly derived = new Store<DerivedCitations>(emptyDerived)
  readonly picker = new Store<PickerRequest | null>(null)
  /** Failed formatting requests, for the editor to notice (the bibliography says so too). */
  readonly failed = new Store<boolean>(false)
  private formatting: Formatting | null = null
  private pending: string | null = null
  private language: ArticleLanguage
  private onFormatted: () => void = () => {}

  constructor(language: ArticleLanguage) {
    this.language = language
  }

  /**
   * Called by the editor plugin's view: how to re-derive after an answer from main. Returns the disconnect, which
   * the view calls when it is destroyed (the engine itself holds no subscription).
   */
  connect(onFormatted: () => void): () => void {
    this.onFormatted = onFormatted
    // A source edited, merged or filled by a lookup: format again if this article cites it.
    const off = on('sources.changed', ({ ids }) => {
      const cited = new Set(this.derived.get().cited)
      const canonical = new Set(Object.values(this.formatting?.sources ?? {}).map((s) => s.canonical))
      if (ids.length === 0 || ids.some((id) => cited.has(id) || canonical.has(id))) this.refresh()
    })
    // Lookups of provisional sources wait for the network in main; the renderer is the one that sees it come back.
    const online = () => void call('citations.retryLookups', {}).catch(() => undefined)
    window.addEventListener('online', online)
    return () => {
      off()
      window.removeEventListener('online', online)
      if (this.onFormatted === onFormatted) this.onFormatted = () => {}
    }
  }

  get articleLanguage(): ArticleLanguage {
    return this.language
  }

  setLanguage(language: ArticleLanguage): void {
    if (language === this.language) return
    this.language = language
    this.refresh()
  }

  /** The formatting to derive with: only one made for this style and the article's language. */
  formattingFor(style: CitationStyle): Formatting | null {
    const f = this.formatting
    return f && f.style === style && f.locale === citationLocale(this.language) ? f : null
  }

  /** After each derivation: ask main for what is not formatted yet (one request in flight per set of sources). */
  need(style: CitationStyle, ids: readonly string[]): void {
    const f = this.formattingFor(style)
    if (ids.length === 0 || (f && ids.every((id) => f.sources[id] || f.missing.includes(id)))) return
    void this.request(style, ids)
  }

  /** Formats these sources (plus the cited ones) before a citation of them is inserted, so it shows complete at once. */
  async prepare(style: CitationStyle, ids: readonly string[]): Promise<void> {
    await this.request(style, [...new Set([...this.derived.get().cited, ...ids])])
  }

  private refresh(): void {
    const current = this.derived.get()
    this.formatting = null
    if (current.cited.length) void this.request(current.style, current.cited)
    else this.onFormatted()
  }

  private async request(style: CitationStyle, ids: readonly string[]): Promise<void> {
    const key = `${style}|${this.language}|${[...ids].sort().join('\n')}`
    if (this.pending === key) return
    this.pending = key
    const language = this.language
    try {
      const formatting = await call('citations.format', { style, language, ids: [...ids] })
      // A newer request (another style or set) wins; this answer is stale.
      if (this.pending !== key) return
      this.formatting = formatting
      this.failed.set(false)
      this.onFormatted()
    } catch {
      if (this.pending === key) this.failed.set(true)
    } finally {
      if (this.pending === key) this.pending = null
    }
  }

  openPicker(request: PickerRequest = { kind: 'insert' }): void {
    this.picker.set(request)
  }

  closePicker(): void {
    this.picker.set(null)
  }
}
