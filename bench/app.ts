// The app in Chromium through the harness: opening articles from the list, and typed edits until they are durable.
import type { Page } from '@playwright/test'
import type { Harness } from '../e2e/harness/server'
import type { Article, DocumentJson } from '../src/shared/articles'
import { parseDocument } from '../src/shared/document'
import type { PageGlobals } from './page'
import { summarize, type Summary } from './stats'
import { sleep, typeMeasured, type KeyRecord, type TypingRun } from './typing'

type JsonNode = { type?: string; text?: string; content?: JsonNode[] }

const textOf = (node: JsonNode): string => (node.text ?? '') + (node.content ?? []).map(textOf).join('')
const start = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, 40)

/** What the page must show for an article to count as open: its title, first and last block. */
export function openExpectation(article: Article, titleSelector: string, bodySelector: string) {
  const blocks = (article.doc.content ?? []) as JsonNode[]
  return {
    title: article.title,
    firstText: start(textOf(blocks[0] ?? {})),
    lastText: start(textOf(blocks[blocks.length - 1] ?? {})),
    titleSelector,
    bodySelector,
  }
}

/** Clicks `click` and measures, in the page, from its mousedown to the frame after `article` shows. */
export async function timedOpen(page: Page, article: Article, click: () => Promise<void>, selectors: { title: string; body: string }): Promise<number> {
  const expected = openExpectation(article, selectors.title, selectors.body)
  await page.evaluate((e) => (globalThis as unknown as PageGlobals).__bench.armOpen(e), expected)
  await click()
  const result = await page.evaluate(() => (globalThis as unknown as PageGlobals).__bench.openResult())
  return result.duration
}

/** Opens the two articles in turn from the app's list, `rounds` times each, with a quiet moment between opens. */
export async function openFromList(page: Page, articles: [Article, Article], rounds: number): Promise<Record<string, number[]>> {
  const times: Record<string, number[]> = { [articles[0].id]: [], [articles[1].id]: [] }
  for (let round = 0; round < rounds; round++) {
    for (const article of articles) {
      const ms = await timedOpen(page, article, () => page.getByRole('option', { name: article.title, exact: true }).click(), {
        title: '.title-field',
        body: '.ProseMirror',
      })
      times[article.id]!.push(ms)
      await sleep(600)
    }
  }
  return times
}

/** The size of the editor's document (ProseMirror positions): one more per character typed, two per Enter. */
export const editorDocSize = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as PageGlobals).document.querySelector('.ProseMirror')!.editor!.state.doc.content.size)

/**
 * What an autosave costs the page before the call leaves: the editor's document as JSON and its serialisation
 * (the bridge's fetch body; IPC's structured clone in Electron is of the same order), timed `runs` times in the page.
 */
export async function collectCost(page: Page, runs = 15): Promise<Summary> {
  const times = await page.evaluate((runs) => {
    const editor = (globalThis as unknown as PageGlobals).document.querySelector('.ProseMirror')!.editor!
    const out: number[] = []
    for (let i = 0; i < runs; i++) {
      const started = performance.now()
      JSON.stringify({ input: { doc: editor.getJSON() } })
      out.push(performance.now() - started)
    }
    return out
  }, runs)
  return summarize(times)
}

export const sizeStep = (key: string) => (key === 'Enter' ? 2 : 1)

/** Commits of one article as main announced them, with the time each was made (epoch ms, this process's clock). */
export class CommitLog {
  readonly commits: { revisionId: number; at: number }[] = []
  private readonly stop: () => void
  private readonly sizes = new Map<number, number>()

  constructor(
    private readonly harness: Harness,
    articleId: string,
  ) {
    this.stop = harness.kopij.events.subscribe((name, payload) => {
      if (name === 'article.saved' && (payload as { articleId: string }).articleId === articleId)
        this.commits.push({ revisionId: (payload as { revisionId: number }).revisionId, at: performance.timeOrigin + performance.now() })
    })
  }

  /** The document size of a committed revision, read back from the archive. */
  size(revisionId: number): number {
    let size = this.sizes.get(revisionId)
    if (size === undefined) {
      size = parseDocument(this.harness.kopij.archive.articles.revision(revisionId).fields.doc as DocumentJson).content.size
      this.sizes.set(revisionId, size)
    }
    return size
  }

  /** Waits until a commit holds a document of at least `size` (typing only grows it); its time, or null on timeout. */
  async waitFor(size: number, timeoutMs = 15_000): Promise<number | null> {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      const found = this.commits.find((c) => this.size(c.revisionId) >= size)
      if (found) return found.at
      await sleep(20)
    }
    return null
  }

  /** When each key became durable: the first commit whose document includes it. */
  durableTimes(keys: KeyRecord[], timeOrigin: number, startSize: number): { key: KeyRecord; typedAt: number; durableAt: number | null }[] {
    let size = startSize
    return keys.map((key) => {
      size += sizeStep(key.key)
      const target = size
      const commit = this.commits.find((c) => this.size(c.revisionId) >= target)
      return { key, typedAt: timeOrigin + key.t0, durableAt: commit ? commit.at : null }
    })
  }

  close(): void {
    this.stop()
  }
}

export interface DurableResult {
  /** From the last key of an edit to its commit (ms), per edit. */
  fromLastKeyMs: Summary
  fromFirstKeyMs: Summary
  /** From the last key to the page hearing article.saved. */
  heardMs: Summary
  edits: number
  missing: number
}

/**
 * Isolated edits: a short word typed, then hands off the keyboard until the edit is committed, `edits` times.
 * The commit time is taken in main as the article.saved event leaves the save transaction.
 */
export async function isolatedEdits(page: Page, log: CommitLog, words: string[], rand: () => number): Promise<DurableResult> {
  await page.evaluate(() => (globalThis as unknown as PageGlobals).__bench.watchSaves())
  const fromLast: number[] = []
  const fromFirst: number[] = []
  const heard: number[] = []
  let missing = 0
  for (const word of words) {
    const before = await editorDocSize(page)
    const run: TypingRun = await typeMeasured(page, word, rand, 60, 90)
    const size = before + run.keys.reduce((sum, k) => sum + sizeStep(k.key), 0)
    const at = await log.waitFor(size)
    const first = run.timeOrigin + run.keys[0]!.t0
    const last = run.timeOrigin + run.keys[run.keys.length - 1]!.t0
    if (at === null) missing++
    else {
      fromLast.push(at - last)
      fromFirst.push(at - first)
    }
    await sleep(1000)
    const saves = await page.evaluate(() => (globalThis as unknown as PageGlobals).__bench.saves())
    const heardAt = saves.map((s) => s.heardAt).find((t) => t >= last)
    if (heardAt !== undefined) heard.push(heardAt - last)
  }
  return { fromLastKeyMs: summarize(fromLast), fromFirstKeyMs: summarize(fromFirst), heardMs: summarize(heard), edits: words.length, missing }
}
