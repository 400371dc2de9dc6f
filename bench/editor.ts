// The editor in Chromium through the harness: typing, opening and saving, against a bare contenteditable page.
import path from 'node:path'
import type { Browser } from '@playwright/test'
import { startHarness, type Harness } from '../e2e/harness/server'
import { createDispatch } from '../src/main/dispatch'
import { demoArticleId } from '../src/main/archive/demo'
import type { ArticleFields, SaveArticleInput } from '../src/shared/articles'
import { CommitLog, collectCost, editorDocSize, isolatedEdits, openFromList, sizeStep, timedOpen } from './app'
import { bareTransactions, rawRead } from './baselines'
import { mainThreadPer, pageMemory, probedPage, profile } from './chromium'
import { bigTitle, config, log, targets } from './config'
import { generatedDocument, random, typedText, words } from './generate'
import type { PageGlobals } from './page'
import { plainPath, servePlainPage } from './plain'
import { buildRenderer, stylesheets } from './renderer'
import type { Metric } from './report'
import { statementTimes } from './search'
import { sample, sampleAsync, summarize, type Summary } from './stats'
import { placeCaret, sleep, summarizeTyping, typeMeasured, withParagraphs, type TypingRun } from './typing'

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
export async function benchEditor(browser: Browser, rendererDir: string, work: string) {
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
    const plainThread = await mainThreadPer(plain.cdp, () => plainRuns.reduce((n, r) => n + r.keys.length, 0), async () => {
      for (const [i, where] of (['middle', 'end'] as const).entries()) {
        await placeCaret(plain.page, '#body', where)
        plainRuns.push(await typeMeasured(plain.page, plainText[i]!, rand, minGap, maxGap))
      }
    })
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
    const appThread = await mainThreadPer(app.cdp, () => appRuns.reduce((n, r) => n + r.keys.length, 0), async () => {
      for (const [i, where] of (['middle', 'end'] as const).entries()) {
        await placeCaret(app.page, '.ProseMirror', where)
        appRuns.push(await typeMeasured(app.page, appText[i]!, rand, minGap, maxGap))
      }
    })
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
    // Where a save's time goes in main: each SQL statement; the rest is JavaScript (validation, text, JSON, deflate) and the commit.
    const saveStatements = statementTimes(harness.kopij.archive.db, () => harness.kopij.archive.articles.save(nextSave(harness, big.id)), 6)
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
      { id: 'typing.mainThread.perKey', label: 'typing: main-thread busy time per key', unit: 'ms', value: appThread.taskMs, baseline: plainThread.taskMs, baselineLabel: 'plain contenteditable' },
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
          mainThreadPerKey: { app: appThread, plain: plainThread },
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
          saveStatements,
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

let extra = 0

/** The article as it is, with one more paragraph: a save that makes a new revision. */
function nextSave(harness: Harness, id: string): SaveArticleInput {
  const { id: _id, wordCount: _w, revisionId, createdAt: _c, updatedAt: _u, ...fields } = harness.kopij.archive.articles.get(id)
  const doc = { ...fields.doc, content: [...(fields.doc.content ?? []), { type: 'paragraph', content: [{ type: 'text', text: `Extra ${++extra}` }] }] }
  return { ...fields, doc, id, baseRevisionId: revisionId }
}

/** articles.save of the big article with one more paragraph each time, as Electron dispatches it and as the harness does. */
async function timedSaves(harness: Harness, id: string, count: number): Promise<{ electron: Summary; harness: Summary }> {
  const electron = createDispatch(harness.kopij.handlers, { checkOutput: false })
  const run = async (dispatch: typeof electron) => {
    const times: number[] = []
    for (let i = 0; i < count; i++) {
      const input = nextSave(harness, id)
      const started = performance.now()
      const answer = await dispatch('articles.save', input)
      times.push(performance.now() - started)
      if (!answer.ok) throw new Error(`articles.save failed: ${answer.error.message}`)
    }
    return summarize(times)
  }
  return { electron: await run(electron), harness: await run(harness.kopij.dispatch) }
}

/** Self time per function while typing into the big article, in a build that keeps function names. */
export async function profileTyping(browser: Browser, work: string) {
  const readable = await buildRenderer({ readable: true })
  const harness = await startHarness({ archivePath: path.join(work, 'profile.kopij'), rendererDir: readable })
  try {
    harness.kopij.archive.articles.insert(bigFields(), 'imported')
    // Without the probe, so its listeners are not in the profile.
    const probed = await probedPage(browser, { probe: false })
    await probed.page.goto(harness.url)
    await probed.page.getByRole('option', { name: bigTitle }).waitFor()
    await sleep(1500)
    await placeCaret(probed.page, '.ProseMirror', 'middle')
    const rand = random(77)
    const text = withParagraphs(typedText(rand, 120))
    const [minGap, maxGap] = config.keyGapMs
    const summary = await profile(probed.cdp, async () => {
      for (const ch of text) {
        if (ch === '\n') await probed.page.keyboard.press('Enter')
        else await probed.page.keyboard.type(ch)
        await sleep(minGap + rand() * (maxGap - minGap))
      }
    })
    await probed.page.context().close()
    return { keys: text.length, ...summary }
  } finally {
    await harness.close()
  }
}
