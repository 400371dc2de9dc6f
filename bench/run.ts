// `npm run bench`: typing, opening, saving and searching measured in one run against baselines of the same run.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser } from '@playwright/test'
import { startHarness, type Harness } from '../e2e/harness/server'
import { startKopij } from '../src/main/kopij'
import { createDispatch } from '../src/main/dispatch'
import { demoArticleId } from '../src/main/archive/demo'
import type { Article, ArticleFields } from '../src/shared/articles'
import { cachedArchive } from './archive'
import { bareTransactions, rawRead } from './baselines'
import { chromiumVersion, launch, pageMemory, probedPage, profile, type ProbedPage } from './chromium'
import { generatedDocument, random, typedText, words } from './generate'
import { CommitLog, collectCost, editorDocSize, isolatedEdits, openFromList, sizeStep, timedOpen } from './app'
import { plainPath, servePlainPage } from './plain'
import { buildRenderer, stylesheets } from './renderer'
import type { PageGlobals } from './page'
import { machineFacts, resolve, table, writeResults, type Metric } from './report'
import { benchSearch, bridgePage, searchCases, searchOverBridge, statementTimes, type SearchRow } from './search'
import { sample, sampleAsync, summarize, type Summary } from './stats'
import { placeCaret, sleep, summarizeTyping, typeMeasured, withParagraphs, type TypingRun } from './typing'

const quick = process.argv.includes('--quick')
const config = {
  quick,
  archiveArticles: 100_000,
  bigArticleWords: 30_000,
  /** Characters typed at each caret position (middle, end) in the app; the baseline page gets half. */
  typedPerPosition: quick ? 60 : 300,
  keyGapMs: [50, 100] as [number, number],
  openRounds: quick ? 3 : 8,
  isolatedEdits: quick ? 4 : 10,
  busyWaitMs: 8,
  searchSamples: quick ? 10 : 30,
  bridgeRepetitions: quick ? 8 : 20,
}
const targets = { handlerMs: 4, paintMs: 16.7, openMs: 300, durableMs: 1000, searchMs: 30 }

const started = new Date()
const log = (line: string) => console.log(line)
const bigTitle = 'Bench: artikel van 30.000 woorden'

async function main() {
  log(`Kopij bench${quick ? ' (quick: fewer samples, figures are indicative only)' : ''}`)
  const rendererDir = await buildRenderer()
  log(`Renderer built from the working tree into ${path.relative(process.cwd(), rendererDir)}`)
  const large = cachedArchive(config.archiveArticles, log)
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kopij-bench-'))
  const browser = await launch()
  const sections: Record<string, unknown> = {}
  const metrics: Metric[] = []
  try {
    const editor = await benchEditor(browser, rendererDir, work)
    sections.editor = editor.details
    metrics.push(...editor.metrics)

    log('Search on the large archive …')
    const search = await benchLargeArchive(browser, rendererDir, large.file)
    sections.search = search.details
    metrics.push(...search.metrics)

    if (!quick) {
      log('CPU profile of typing (readable build) …')
      sections.typingProfile = await profileTyping(browser, work)
    }
  } finally {
    await browser.close()
    fs.rmSync(work, { recursive: true, force: true })
  }

  const resolved = metrics.map(resolve)
  const result = {
    kind: 'kopij-bench',
    version: 1,
    startedAt: started.toISOString(),
    seconds: Math.round((Date.now() - started.getTime()) / 1000),
    machine: machineFacts(chromiumVersion(), sqliteVersion(large.file)),
    config,
    archive: { file: path.relative(process.cwd(), large.file), generatedThisRun: large.generated, generateSeconds: large.generateSeconds },
    targets,
    metrics: resolved,
    ...sections,
  }
  const file = writeResults(result, started)
  log('')
  log(table(resolved))
  log('')
  const missed = resolved.filter((m) => m.met === false)
  log(missed.length ? `Targets missed: ${missed.map((m) => m.label).join('; ')}` : 'Every target met.')
  log(`Results: ${path.relative(process.cwd(), file)} (and bench/results/latest.json), ${result.seconds} s`)
}

function sqliteVersion(file: string): string {
  const kopij = startKopij({ archivePath: file, host: 'cli', demo: false, readonly: true })
  try {
    return (kopij.archive.db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v
  } finally {
    kopij.close()
  }
}

const bigFields = (): ArticleFields => ({
  title: bigTitle,
  slug: '',
  language: 'nl',
  status: 'draft',
  categoryPath: ['Behandelwijzen'],
  tags: [],
  excerpt: '',
  doc: generatedDocument(random(30_000), config.bigArticleWords),
})

/** The app and its baseline page in Chromium on a small temporary archive holding the seed and the big article. */
async function benchEditor(browser: Browser, rendererDir: string, work: string) {
  const harness = await startHarness({ archivePath: path.join(work, 'editor.kopij'), rendererDir })
  const metrics: Metric[] = []
  try {
    const big = harness.kopij.archive.articles.insert(bigFields(), 'imported')
    const seed = harness.kopij.archive.articles.get(demoArticleId)
    log(`Big article: ${big.wordCount.toLocaleString('en')} words, ${(JSON.stringify(big.doc).length / 1024).toFixed(0)} KB of JSON`)
    const rand = random(2024)
    const perPosition = config.typedPerPosition
    const appText = [withParagraphs(typedText(rand, perPosition)), withParagraphs(typedText(rand, perPosition))]
    const plainText = [typedText(rand, perPosition / 2), typedText(rand, perPosition / 2)]
    const [minGap, maxGap] = config.keyGapMs

    // Baseline: the same article in a bare contenteditable with the editor's stylesheets, typed alike.
    log('Baseline page: typing, open, memory …')
    const plain = await probedPage(browser)
    await servePlainPage(plain.page, harness.url, stylesheets(rendererDir), big, [big, seed])
    await plain.page.goto(`${harness.url}${plainPath}`)
    const plainMemory = await pageMemory(plain.cdp)
    const plainRuns: TypingRun[] = []
    for (const [i, where] of (['middle', 'end'] as const).entries()) {
      await placeCaret(plain.page, '#body', where)
      plainRuns.push(await typeMeasured(plain.page, plainText[i]!, rand, minGap, maxGap))
    }
    const plainTyping = summarizeTyping(plainRuns)
    const plainOpen: Record<string, number[]> = { [big.id]: [], [seed.id]: [] }
    for (let round = 0; round < config.openRounds; round++)
      for (const article of [seed, big]) {
        const button = plain.page.locator(`button[data-id="${article.id}"]`)
        plainOpen[article.id]!.push(await timedOpen(plain.page, article, () => button.click(), { title: '#title', body: '#body' }))
        await sleep(300)
      }
    const plainErrors = [...plain.errors]
    await plain.page.context().close()

    // The probe must see a known cost: the same page with a busy-wait in its keydown handler.
    log(`Probe check: a ${config.busyWaitMs} ms busy-wait in keydown …`)
    const busy = await probedPage(browser)
    await servePlainPage(busy.page, harness.url, stylesheets(rendererDir), big, [])
    await busy.page.goto(`${harness.url}${plainPath}?busy=${config.busyWaitMs}`)
    await placeCaret(busy.page, '#body', 'middle')
    const busyTyping = summarizeTyping([await typeMeasured(busy.page, typedText(rand, perPosition / 4), rand, minGap, maxGap)])
    await busy.page.context().close()

    // The app: open from the list, memory, typing at two places, then edits until durable.
    log('App: opening articles from the list …')
    const app = await probedPage(browser)
    await app.page.goto(harness.url)
    // The app opens the newest article by itself: the big one, inserted last.
    await app.page.waitForFunction((title) => (globalThis as unknown as PageGlobals).document.querySelector('.title-field')?.value === title, bigTitle)
    await sleep(1000)
    const appOpen = await openFromList(app.page, [seed, big], config.openRounds)
    await sleep(1000)
    const appMemory = await pageMemory(app.cdp)
    const collect = await collectCost(app.page)

    log(`App: typing ${perPosition} characters in the middle and ${perPosition} near the end …`)
    const commits = new CommitLog(harness, big.id)
    const startSize = await editorDocSize(app.page)
    const appRuns: TypingRun[] = []
    for (const [i, where] of (['middle', 'end'] as const).entries()) {
      await placeCaret(app.page, '.ProseMirror', where)
      appRuns.push(await typeMeasured(app.page, appText[i]!, rand, minGap, maxGap))
    }
    const appTyping = summarizeTyping(appRuns)
    const endSize = await editorDocSize(app.page)
    const expectedEnd = startSize + appRuns.flatMap((r) => r.keys).reduce((sum, k) => sum + sizeStep(k.key), 0)
    const lastCommit = await commits.waitFor(endSize)
    const durableWhileTyping = durableAcrossRuns(commits, appRuns, startSize)

    log('App: isolated edits until durable …')
    const editWords = Array.from({ length: config.isolatedEdits }, () => `${words(rand, 1).normalize('NFKD').replace(/[^a-z]/g, '')} `)
    const isolated = await isolatedEdits(app.page, commits, editWords, rand)
    commits.close()
    const appErrors = [...app.errors]
    await app.page.context().close()

    // Main's side of opening and saving, and the SQLite floors under them.
    log('Services: articles.get, articles.save, SQLite baselines …')
    const electronDispatch = createDispatch(harness.kopij.handlers, { checkOutput: false })
    const getService = summarize(sample(() => harness.kopij.archive.articles.get(big.id), { warmup: 3, min: 20, budgetMs: 1000 }))
    const getDispatch = summarize(await sampleAsync(() => electronDispatch('articles.get', { id: big.id }), { warmup: 3, min: 20, budgetMs: 1000 }))
    const getHarness = summarize(await sampleAsync(() => harness.kopij.dispatch('articles.get', { id: big.id }), { warmup: 3, min: 20, budgetMs: 1000 }))
    const getRaw = rawRead(harness.kopij.archive.db, big.id)
    const saveDispatch = await timedSaves(harness, big.id, 8)
    const bare = bareTransactions(work, harness.kopij.archive.articles.get(big.id))

    const openBig = summarize(appOpen[big.id]!)
    const openSeed = summarize(appOpen[seed.id]!)
    const plainOpenBig = summarize(plainOpen[big.id]!)
    const plainOpenSeed = summarize(plainOpen[seed.id]!)
    const handlerDelta = busyTyping.handlerMs.p50 - plainTyping.handlerMs.p50
    const paintDelta = busyTyping.paintMs.p50 - plainTyping.paintMs.p50
    const probeOk = Math.abs(handlerDelta - config.busyWaitMs) <= 1.5 && plainTyping.fallbacks === 0 && appTyping.fallbacks === 0
    const sizeOk = endSize === expectedEnd

    metrics.push(
      { id: 'typing.handler.p50', label: 'typing: handler time p50', unit: 'ms', value: appTyping.handlerMs.p50, baseline: plainTyping.handlerMs.p50, baselineLabel: 'plain contenteditable' },
      { id: 'typing.handler.p95', label: 'typing: handler time p95', unit: 'ms', value: appTyping.handlerMs.p95, target: targets.handlerMs, baseline: plainTyping.handlerMs.p95, baselineLabel: 'plain contenteditable' },
      { id: 'typing.paint.p50', label: 'typing: key to next paint p50', unit: 'ms', value: appTyping.paintMs.p50, baseline: plainTyping.paintMs.p50, baselineLabel: 'plain contenteditable' },
      { id: 'typing.paint.p95', label: 'typing: key to next paint p95', unit: 'ms', value: appTyping.paintMs.p95, target: targets.paintMs, baseline: plainTyping.paintMs.p95, baselineLabel: 'plain contenteditable' },
      { id: 'typing.paint.max', label: 'typing: key to next paint max', unit: 'ms', value: appTyping.paintMs.max, baseline: plainTyping.paintMs.max, baselineLabel: 'plain contenteditable' },
      { id: 'typing.longTasks.count', label: 'typing: long tasks (≥ 50 ms)', unit: 'count', value: appTyping.longTasks.count, baseline: plainTyping.longTasks.count, baselineLabel: 'plain contenteditable' },
      { id: 'typing.longTasks.totalMs', label: 'typing: long tasks, total', unit: 'ms', value: appTyping.longTasks.totalMs },
      {
        id: 'typing.presentation.p95',
        label: 'typing: key to presentation p95 (Event Timing)',
        unit: 'ms',
        value: appTyping.slowEvents.presentationP95,
        display: appTyping.slowEvents.presentationP95 < 16 ? '< 16 ms' : undefined,
        baseline: appTyping.slowEvents.presentationP95 >= 16 && plainTyping.slowEvents.presentationP95 >= 16 ? plainTyping.slowEvents.presentationP95 : undefined,
        baselineLabel: 'plain contenteditable',
      },
      { id: 'typing.eventTiming.over24', label: 'typing: keys ≥ 24 ms to presentation (Event Timing)', unit: 'count', value: appTyping.slowEvents.keysAtLeast24, baseline: plainTyping.slowEvents.keysAtLeast24, baselineLabel: 'plain contenteditable' },
      {
        id: 'probe.check',
        label: `probe check: ${config.busyWaitMs} ms busy-wait seen as`,
        unit: 'ms',
        value: handlerDelta,
        targetText: `${config.busyWaitMs} ± 1.5 ms`,
        met: probeOk,
      },
      { id: 'memory.heap', label: 'memory: JS heap, 30k-word article open', unit: 'MB', value: appMemory.jsHeapUsedMb, baseline: plainMemory.jsHeapUsedMb, baselineLabel: 'plain page' },
      { id: 'memory.nodes', label: 'memory: DOM nodes, 30k-word article open', unit: 'nodes', value: appMemory.domNodes, baseline: plainMemory.domNodes, baselineLabel: 'plain page' },
      { id: 'open.big.p50', label: 'open 30k-word article p50', unit: 'ms', value: openBig.p50, baseline: plainOpenBig.p50, baselineLabel: 'fetch + plain DOM' },
      { id: 'open.big.p95', label: 'open 30k-word article p95', unit: 'ms', value: openBig.p95, target: targets.openMs, baseline: plainOpenBig.p95, baselineLabel: 'fetch + plain DOM' },
      { id: 'open.seed.p95', label: 'open seed article p95', unit: 'ms', value: openSeed.p95, target: targets.openMs, baseline: plainOpenSeed.p95, baselineLabel: 'fetch + plain DOM' },
      { id: 'open.get.service.p95', label: 'articles.get 30k words, service p95', unit: 'ms', value: getService.p95, baseline: getRaw.p95, baselineLabel: 'raw row + JSON.parse' },
      { id: 'open.get.dispatch.p95', label: 'articles.get 30k words, Electron dispatch p95', unit: 'ms', value: getDispatch.p95, baseline: getRaw.p95, baselineLabel: 'raw row + JSON.parse' },
      { id: 'durable.isolated.p50', label: 'edit to durable p50 (isolated edits)', unit: 'ms', value: isolated.fromLastKeyMs.p50, baseline: bare.p50, baselineLabel: 'bare FULL transaction' },
      { id: 'durable.isolated.p95', label: 'edit to durable p95 (isolated edits)', unit: 'ms', value: isolated.fromLastKeyMs.p95, target: targets.durableMs, baseline: bare.p95, baselineLabel: 'bare FULL transaction' },
      { id: 'durable.typing.p95', label: 'key to durable p95 (while typing on)', unit: 'ms', value: durableWhileTyping.ms.p95, target: targets.durableMs, baseline: bare.p95, baselineLabel: 'bare FULL transaction' },
      { id: 'durable.typing.max', label: 'key to durable max (while typing on)', unit: 'ms', value: durableWhileTyping.ms.max, baseline: bare.max, baselineLabel: 'bare FULL transaction' },
      { id: 'save.collect.p95', label: 'autosave: document to JSON in the page p95', unit: 'ms', value: collect.p95 },
      { id: 'save.dispatch.p95', label: 'articles.save 30k words, Electron dispatch p95', unit: 'ms', value: saveDispatch.electron.p95, baseline: bare.p95, baselineLabel: 'bare FULL transaction' },
    )

    return {
      metrics,
      details: {
        bigArticle: { id: big.id, words: big.wordCount, jsonKb: JSON.stringify(big.doc).length / 1024 },
        typing: {
          app: appTyping,
          plain: plainTyping,
          busyWait: { injectedMs: config.busyWaitMs, typing: busyTyping, handlerDeltaP50Ms: handlerDelta, paintDeltaP50Ms: paintDelta, valid: probeOk },
          docSizeCheck: { startSize, endSize, expectedEnd, ok: sizeOk },
        },
        memory: { app: appMemory, plain: plainMemory },
        open: {
          app: { big: openBig, seed: openSeed, samplesMs: appOpen },
          plain: { big: plainOpenBig, seed: plainOpenSeed },
          service: { get: getService, electronDispatch: getDispatch, harnessDispatch: getHarness, rawRead: getRaw },
        },
        durable: {
          isolated,
          whileTyping: { ...durableWhileTyping, lastCommitAt: lastCommit },
          commits: commits.commits.length,
          collectInPage: collect,
          save: saveDispatch,
          bareTransaction: bare,
        },
        pageErrors: [...plainErrors, ...appErrors],
      },
    }
  } finally {
    await harness.close()
  }
}

/** Per key typed in the app: from its timestamp to the first commit that holds it. */
function durableAcrossRuns(commits: CommitLog, runs: TypingRun[], startSize: number): { ms: Summary; keys: number; neverDurable: number } {
  const ms: number[] = []
  let size = startSize
  let never = 0
  for (const run of runs) {
    for (const entry of commits.durableTimes(run.keys, run.timeOrigin, size)) {
      if (entry.durableAt === null) never++
      else ms.push(entry.durableAt - entry.typedAt)
    }
    size += run.keys.reduce((sum, k) => sum + sizeStep(k.key), 0)
  }
  return { ms: summarize(ms), keys: runs.reduce((n, r) => n + r.keys.length, 0), neverDurable: never }
}

/** articles.save of the big article with one more paragraph each time, as Electron dispatches it and as the harness does. */
async function timedSaves(harness: Harness, id: string, count: number): Promise<{ electron: Summary; harness: Summary }> {
  const electron = createDispatch(harness.kopij.handlers, { checkOutput: false })
  const run = async (dispatch: typeof electron) => {
    const times: number[] = []
    for (let i = 0; i < count; i++) {
      const current = harness.kopij.archive.articles.get(id)
      const { id: _id, wordCount: _w, revisionId, createdAt: _c, updatedAt: _u, ...fields } = current
      const doc = { ...fields.doc, content: [...(fields.doc.content ?? []), { type: 'paragraph', content: [{ type: 'text', text: `Extra ${i}` }] }] }
      const started = performance.now()
      const answer = await dispatch('articles.save', { ...fields, doc, id, baseRevisionId: revisionId })
      times.push(performance.now() - started)
      if (!answer.ok) throw new Error(`articles.save failed: ${answer.error.message}`)
    }
    return summarize(times)
  }
  return { electron: await run(electron), harness: await run(harness.kopij.dispatch) }
}

/** Search on the cached large archive: services and dispatch in this process, the HTTP bridge from Chromium. */
async function benchLargeArchive(browser: Browser, rendererDir: string, file: string) {
  const kopij = startKopij({ archivePath: file, host: 'cli', demo: false })
  const metrics: Metric[] = []
  let rows: SearchRow[]
  let pooled: { service: number[]; dispatch: number[]; baseline: number[] }
  let phases: { query: string; status: string; totalMs: number; statements: { sql: string; ms: number }[] }[]
  try {
    ;({ rows, pooled } = await benchSearch(kopij.archive, kopij.dispatch, searchCases, config.searchSamples))
    // Where the time of the slowest searches goes, statement by statement.
    phases = [...rows]
      .sort((a, b) => b.serviceMs.p95 - a.serviceMs.p95)
      .slice(0, 4)
      .map((row) => ({
        query: row.query,
        status: row.status,
        ...statementTimes(kopij.archive.db, () => kopij.archive.articles.find({ query: row.query, status: row.status, limit: 100, offset: 0 })),
      }))
  } finally {
    kopij.close()
  }

  const harness = await startHarness({ archivePath: file, rendererDir, demo: false })
  let bridge: { case: { query: string; status: string; label: string }; ms: Summary }[]
  let bridgeErrors: string[] = []
  try {
    const probed: ProbedPage = await probedPage(browser)
    await bridgePage(probed.page, harness.url)
    const bridgeCases = searchCases.filter((c) => ['de', 'acu', 'acupunctuur rugpijn', '"de patiënten"', 'zwaluwstaart', ''].includes(c.query) && c.status === 'all')
    bridge = await searchOverBridge(probed.page, bridgeCases, config.bridgeRepetitions)
    bridgeErrors = probed.errors
    await probed.page.context().close()
  } finally {
    await harness.close()
  }

  const queries = rows.filter((r) => r.query !== '')
  const lists = rows.filter((r) => r.query === '')
  const worst = queries.reduce((a, b) => (b.serviceMs.p95 > a.serviceMs.p95 ? b : a))
  const worstDispatch = queries.reduce((a, b) => (b.dispatchMs.p95 > a.dispatchMs.p95 ? b : a))
  const all = { service: summarize(pooled.service), dispatch: summarize(pooled.dispatch), baseline: summarize(pooled.baseline) }
  const common = queries.filter((r) => r.label === 'common word')
  const prefixes = queries.filter((r) => r.label === 'prefix as typed')
  const worstOf = (list: SearchRow[]) => list.reduce((a, b) => (b.serviceMs.p95 > a.serviceMs.p95 ? b : a))
  const worstList = lists.reduce((a, b) => (b.serviceMs.p95 > a.serviceMs.p95 ? b : a))
  const worstBridge = bridge.reduce((a, b) => (b.ms.p95 > a.ms.p95 ? b : a))
  const q = (r: { query: string; status: string }) => `${r.query || '(none)'}${r.status === 'all' ? '' : `, ${r.status}`}`

  metrics.push(
    { id: 'search.service.p50', label: 'search: all queries p50', unit: 'ms', value: all.service.p50, baseline: all.baseline.p50, baselineLabel: 'FTS5 one rowid' },
    { id: 'search.service.p95', label: 'search: all queries p95', unit: 'ms', value: all.service.p95, target: targets.searchMs, baseline: all.baseline.p95, baselineLabel: 'FTS5 one rowid' },
    { id: 'search.dispatch.p95', label: 'search, Electron dispatch: all queries p95', unit: 'ms', value: all.dispatch.p95, target: targets.searchMs, baseline: all.baseline.p95, baselineLabel: 'FTS5 one rowid' },
    { id: 'search.service.commonWords.p95', label: `search: common words, worst p95 (${q(worstOf(common))})`, unit: 'ms', value: worstOf(common).serviceMs.p95, target: targets.searchMs, baseline: worstOf(common).baselineMs.p95, baselineLabel: 'FTS5 one rowid' },
    { id: 'search.service.prefixes.p95', label: `search: prefixes, worst p95 (${q(worstOf(prefixes))})`, unit: 'ms', value: worstOf(prefixes).serviceMs.p95, target: targets.searchMs, baseline: worstOf(prefixes).baselineMs.p95, baselineLabel: 'FTS5 one rowid' },
    { id: 'search.service.worst.p95', label: `search: worst query p95 (${q(worst)})`, unit: 'ms', value: worst.serviceMs.p95, target: targets.searchMs, baseline: worst.baselineMs.p95, baselineLabel: 'FTS5 one rowid' },
    { id: 'search.service.worst.max', label: `search: worst query max (${q(worst)})`, unit: 'ms', value: worst.serviceMs.max, baseline: worst.baselineMs.max, baselineLabel: 'FTS5 one rowid' },
    { id: 'search.dispatch.worst.p95', label: `search, Electron dispatch: worst p95 (${q(worstDispatch)})`, unit: 'ms', value: worstDispatch.dispatchMs.p95, target: targets.searchMs, baseline: worstDispatch.baselineMs.p95, baselineLabel: 'FTS5 one rowid' },
    { id: 'search.list.p95', label: `list (no query): worst p95 (${q(worstList)})`, unit: 'ms', value: worstList.serviceMs.p95, target: targets.searchMs, baseline: worstList.baselineMs.p95, baselineLabel: 'bare page query' },
    { id: 'search.bridge.worst.p95', label: `search over harness HTTP, 50 hits: worst p95 (${q(worstBridge.case)})`, unit: 'ms', value: worstBridge.ms.p95 },
  )
  return {
    metrics,
    details: {
      allQueries: all,
      perQuery: rows,
      statementTimesOfSlowest: phases,
      overHarnessHttp: bridge,
      pageErrors: bridgeErrors,
    },
  }
}

/** Self time per function while typing into the big article, in a build that keeps function names. */
async function profileTyping(browser: Browser, work: string) {
  const readable = await buildRenderer({ readable: true })
  const harness = await startHarness({ archivePath: path.join(work, 'profile.kopij'), rendererDir: readable })
  try {
    harness.kopij.archive.articles.insert(bigFields(), 'imported')
    const probed = await probedPage(browser)
    await probed.page.goto(harness.url)
    await probed.page.getByRole('option', { name: bigTitle }).waitFor()
    await sleep(1500)
    await placeCaret(probed.page, '.ProseMirror', 'middle')
    const rand = random(77)
    const text = withParagraphs(typedText(rand, 120))
    const summary = await profile(probed.cdp, async () => {
      await typeMeasured(probed.page, text, rand, config.keyGapMs[0], config.keyGapMs[1])
    })
    await probed.page.context().close()
    return { keys: text.length, ...summary }
  } finally {
    await harness.close()
  }
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
