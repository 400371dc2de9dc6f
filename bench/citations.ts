// Citations: picker search over 10,000 sources, renumbering with 300 citations in the editor, importing 10,000 BibTeX records.
import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { startHarness } from '../e2e/harness/server'
import { startKopij, type Kopij } from '../src/main/kopij'
import { mainThread, probedPage } from './chromium'
import type { CDPSession } from '@playwright/test'
import { log, quick } from './config'
import type { Metric } from './report'
import { percentile, sampleAsync, summarize } from './stats'

/** From the issue. */
export const citationTargets = { pickerSearchMs: 20, renumberMs: 16, importMs: 5000 }

const families = ['Berman', 'Müller', 'Witt', 'Østergaard', 'Nuñez', 'Smith', 'Lee', 'Van der Berg', 'Łukasiewicz', 'Cherkin', 'Sherman', 'Linde', 'Vickers', 'MacPherson', 'Brinkhaus', 'Kim', 'Zhang', 'Haake', 'Molsberger', 'Manheimer']
const givens = ['Brian M.', 'Jörg', 'Claudia', 'Søren', 'José', 'Anna', 'Ji-Young', 'Piet', 'Paweł', 'Daniel C.', 'Karen J.', 'Klaus']
const topics = ['acupuncture', 'low back pain', 'placebo needles', 'electroacupuncture', 'chronic neck pain', 'osteoarthritis of the knee', 'migraine prophylaxis', 'nausea', 'homeopathy', 'herbal medicine', 'mindfulness', 'chiropractic manipulation']
const designs = ['A randomized controlled trial of', 'Meta-analysis of', 'Cost-effectiveness of', 'Long-term effects of', 'A pragmatic trial of', 'Sham-controlled study of']
const journals = [['The Journal of Pain', 'J Pain'], ['BMJ', 'BMJ'], ['New England Journal of Medicine', 'N Engl J Med'], ['JAMA Internal Medicine', 'JAMA Intern Med'], ['Pain', 'Pain'], ['Cochrane Database of Systematic Reviews', 'Cochrane Database Syst Rev']]

/** A deterministic, realistic BibTeX file: several authors (accented names as LaTeX), DOIs, pages, e-pages. */
export function bibtexLibrary(count: number): string {
  const entries: string[] = []
  const latex = (name: string) => name.replace(/ü/g, '{\\"u}').replace(/ö/g, '{\\"o}').replace(/Ø/g, '{\\O}').replace(/ø/g, '{\\o}').replace(/ñ/g, '{\\~n}').replace(/é/g, "{\\'e}").replace(/Ł/g, '{\\L}').replace(/ł/g, '{\\l}')
  for (let i = 0; i < count; i++) {
    const authors = Array.from({ length: 1 + (i % 7) }, (_, k) => `${latex(families[(i + k * 7) % families.length]!)}, ${latex(givens[(i + k) % givens.length]!)}`).join(' and ')
    const [journal, short] = journals[i % journals.length]!
    const year = 1990 + (i % 35)
    const pages = i % 5 === 0 ? `e${10000 + i}` : `${100 + (i % 400)}--${110 + (i % 400)}`
    entries.push(
      `@article{src${i},\n  author = {${authors}},\n  title = {${designs[i % designs.length]} ${topics[(i * 7) % topics.length]} (study ${i})},\n  journal = {${journal}},\n  shortjournal = {${short}},\n  year = {${year}},\n  volume = {${1 + (i % 400)}},\n  number = {${1 + (i % 12)}},\n  pages = {${pages}},\n  doi = {10.${1000 + (i % 8000)}/bench.${i}},\n  pmid = {${30000000 + i}}\n}\n`,
    )
  }
  return entries.join('\n')
}

async function importLibrary(kopij: Kopij, text: string, jobId: string): Promise<{ checkMs: number; commitMs: number; added: number }> {
  const started = performance.now()
  const checked = await kopij.dispatch('sources.importCheck', { jobId, text, fileName: 'bench.bib' })
  const checkMs = performance.now() - started
  if (!checked.ok) throw new Error(checked.error.message)
  const t = performance.now()
  const committed = await kopij.dispatch('sources.importCommit', { jobId, skipDuplicates: false })
  if (!committed.ok) throw new Error(committed.error.message)
  return { checkMs, commitMs: performance.now() - t, added: (committed.value as { added: number }).added }
}

/** Queries as an editor types them into the picker: prefixes letter by letter, names, years, identifiers. */
const pickerQueries = ['b', 'be', 'ber', 'berm', 'berma', 'berman', 'a', 'ac', 'acu', 'acupunct', 'muller', 'Østergaard 2010', 'placebo needles', '"low back pain"', '2015', '10.1056', '30000123', 'migraine kim', 'zzzz', '']

/** An article citing 300 times, 150 sources: each paragraph some text and a citation, some with two sources. */
function citedArticle(ids: string[]) {
  const content = Array.from({ length: 300 }, (_, i) => ({
    type: 'paragraph',
    content: [
      { type: 'text', text: `Alinea ${i + 1}: acupunctuur bij lage rugpijn werd onderzocht in een gerandomiseerde studie met een placebogroep. ` },
      { type: 'citation', attrs: { items: i % 10 === 0 ? [{ source: ids[i % 150]! }, { source: ids[(i + 1) % 150]! }] : [{ source: ids[i % 150]!, ...(i % 4 === 0 ? { label: 'page', locator: String(100 + i) } : {}) }] } },
      { type: 'text', text: ' Vervolg van de zin.' },
    ],
  }))
  return { type: 'doc', attrs: { citationStyle: 'vancouver' }, content }
}

/** Times each key in the page: from a capture listener (first to run) to after the editor's own handler and the microtasks after it. */
async function timeKeys(page: Page, keys: string[]): Promise<number[]> {
  await page.evaluate(() => {
    const w = window as unknown as { __keyTimes: number[]; __keyStart: number; __keyTimed?: boolean }
    w.__keyTimes = []
    if (w.__keyTimed) return
    w.__keyTimed = true
    // Modifier keys alone (the Control of Control+Z) are not edits. (No named helper here: the page gets this as text.)
    window.addEventListener('keydown', (e) => !['Control', 'Shift', 'Meta', 'Alt'].includes(e.key) && (w.__keyStart = performance.now()), { capture: true })
    window.addEventListener('keydown', (e) => !['Control', 'Shift', 'Meta', 'Alt'].includes(e.key) && queueMicrotask(() => queueMicrotask(() => queueMicrotask(() => w.__keyTimes.push(performance.now() - w.__keyStart)))))
  })
  for (const key of keys) {
    await page.keyboard.press(key)
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))))
  }
  return page.evaluate(() => (window as unknown as { __keyTimes: number[] }).__keyTimes)
}

/**
 * What each key costs the renderer's main thread until its frame is painted (DevTools TaskDuration: script, style,
 * layout and paint of the edit, including the labels and bibliography written in that frame).
 */
async function keyCosts(page: Page, cdp: CDPSession, keys: string[]): Promise<{ task: number[]; script: number[]; layout: number[]; work: number[] }> {
  const task: number[] = []
  const script: number[] = []
  const layout: number[] = []
  const work: number[] = []
  for (const key of keys) {
    const before = await mainThread(cdp)
    await page.keyboard.press(key)
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))))
    const after = await mainThread(cdp)
    task.push(after.taskMs - before.taskMs)
    script.push(after.scriptMs - before.scriptMs)
    layout.push(after.layoutMs + after.styleMs - before.layoutMs - before.styleMs)
    work.push(script[script.length - 1]! + layout[layout.length - 1]!)
  }
  return { task, script, layout, work }
}

export async function benchCitations(browser: Browser, rendererDir: string, work: string) {
  const metrics: Metric[] = []
  const details: Record<string, unknown> = {}
  const file = path.join(work, 'citations.kopij')
  const kopij = startKopij({ archivePath: file, host: 'cli', demo: false })
  let articleId: string
  try {
    // Import: 10,000 BibTeX records, read, checked and stored (twice; each run into an empty library).
    log('Citations: importing 10,000 BibTeX records …')
    const text = bibtexLibrary(10_000)
    const runs: { checkMs: number; commitMs: number; added: number }[] = []
    for (let run = 0; run < (quick ? 1 : 2); run++) {
      if (run > 0) kopij.archive.db.exec('DELETE FROM sources')
      runs.push(await importLibrary(kopij, text, `bench-import-${run}`))
    }
    const totals = runs.map((r) => r.checkMs + r.commitMs)
    details.import = { records: 10_000, megabytes: Math.round(text.length / 1e4) / 100, runs }
    metrics.push({ id: 'citations.import.10k', label: 'import 10,000 BibTeX records (check + store), worst run', unit: 'ms', value: Math.max(...totals), target: citationTargets.importMs })

    // Picker search: every query as dispatch answers it (Electron's path), over the 10,000 imported sources.
    log('Citations: picker search over 10,000 sources …')
    const cited = Array.from({ length: 40 }, (_, i) => `src${i * 37}`)
    const pooled: number[] = []
    const perQuery: { query: string; p50: number; p95: number; total: number }[] = []
    for (const query of pickerQueries) {
      let total = 0
      const times = await sampleAsync(
        async () => {
          const answer = await kopij.dispatch('sources.search', { query, citedIds: cited, limit: 30, offset: 0 })
          if (!answer.ok) throw new Error(answer.error.message)
          total = (answer.value as { total: number }).total
        },
        { warmup: 2, min: quick ? 10 : 30, max: quick ? 10 : 30 },
      )
      pooled.push(...times)
      perQuery.push({ query, p50: percentile(times, 50), p95: percentile(times, 95), total })
    }
    const worst = perQuery.reduce((a, b) => (b.p95 > a.p95 ? b : a))
    details.pickerSearch = { sources: 10_000, perQuery, pooled: summarize(pooled) }
    metrics.push(
      { id: 'citations.picker.p95', label: 'picker search over 10,000 sources: all queries p95', unit: 'ms', value: percentile(pooled, 95), target: citationTargets.pickerSearchMs },
      { id: 'citations.picker.worst.p95', label: `picker search: worst query p95 (${worst.query || '(none)'})`, unit: 'ms', value: worst.p95, target: citationTargets.pickerSearchMs },
    )

    const ids = Array.from({ length: 150 }, (_, i) => `src${i}`)
    articleId = kopij.archive.articles.insert({ title: 'Bench: 300 citaties', slug: '', language: 'nl', status: 'draft', categoryPath: [], tags: [], excerpt: '', doc: citedArticle(ids) as never }).id
  } finally {
    kopij.close()
  }

  // Renumbering in the editor: delete the first citation (every later number shifts by one), undo; keys in Chromium.
  log('Citations: renumbering an article with 300 citations in the editor …')
  const harness = await startHarness({ archivePath: file, rendererDir, demo: false })
  try {
    const { page, cdp, errors } = await probedPage(browser, { probe: false })
    await page.goto(harness.url)
    await page.getByRole('option', { name: /Bench: 300 citaties/ }).click()
    const body = page.getByRole('textbox', { name: 'Tekst van het artikel' })
    await page.locator('section.bibliography li').nth(149).waitFor()
    // The first citation selected (a click selects the node). Backspace deletes it, so every number after it shifts;
    // undo brings it back, selected again. Checked before timing: a run that renumbers nothing must not count.
    const first = body.locator('.citation').first()
    const settle = () => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))))
    await first.click()
    await settle()
    const before = await body.locator('.citation').nth(1).textContent()
    await page.keyboard.press('Backspace')
    await settle()
    const deleted = [await first.textContent(), await page.locator('section.bibliography li').count()]
    await page.keyboard.press('Control+z')
    await settle()
    if (deleted[0] !== '(1)' || (await first.textContent()) !== '(1,2)' || (await body.locator('.citation').nth(1).textContent()) !== before)
      throw new Error(`the renumbering edit does not renumber: after delete ${JSON.stringify(deleted)}, after undo ${await first.textContent()}`)
    const rounds = quick ? 10 : 40
    const keys = Array.from({ length: rounds }, () => ['Backspace', 'Control+z']).flat()
    const handler = await timeKeys(page, keys)
    const costs = await keyCosts(page, cdp, keys)
    const after = await body.locator('.citation').nth(1).textContent()
    const renumbered = { firstLabel: '(1,2)', firstLabelAfterDelete: deleted[0], entriesAfterDelete: deleted[1], secondLabelBefore: before }
    // Plain typing in the same article: the citations only move, nothing is derived again.
    await page.keyboard.press('End')
    const typed = [...'rugpijn bij acupunctuur']
    const typing = await timeKeys(page, typed)
    const typingCosts = await keyCosts(page, cdp, typed)
    const edit = summarize(costs.work)
    const typingWork = summarize(typingCosts.work)
    details.renumber = {
      citations: 300,
      sources: 150,
      edits: keys.length,
      labelAfter: after,
      check: renumbered,
      mainThreadPerEditMs: { scriptStyleLayout: edit, script: summarize(costs.script), styleAndLayout: summarize(costs.layout), taskIncludingPaint: summarize(costs.task) },
      handlerMs: summarize(handler),
      typing: { handlerMs: summarize(typing), scriptStyleLayoutPerKeyMs: typingWork, taskPerKeyMs: summarize(typingCosts.task) },
      pageErrors: errors,
    }
    metrics.push(
      { id: 'citations.renumber.p95', label: 'renumber + bibliography per edit, 300 citations: script + style + layout p95', unit: 'ms', value: edit.p95, target: citationTargets.renumberMs, baseline: typingWork.p95, baselineLabel: 'a typed key, same article' },
      { id: 'citations.renumber.task.p95', label: 'renumber per edit, 300 citations: main-thread task incl. paint p95', unit: 'ms', value: summarize(costs.task).p95, baseline: summarize(typingCosts.task).p95, baselineLabel: 'a typed key, same article' },
      { id: 'citations.renumber.handler.p95', label: 'renumber per edit, 300 citations: key handler p95', unit: 'ms', value: summarize(handler).p95 },
      { id: 'citations.typing.p95', label: 'typing in the article with 300 citations: handler p95', unit: 'ms', value: summarize(typing).p95 },
    )
    await page.context().close()
  } finally {
    await harness.close()
    fs.rmSync(file, { force: true })
  }
  return { metrics, details }
}
