// Search on the cached large archive: services and dispatch in this process, the HTTP bridge from Chromium.
import type { Browser } from '@playwright/test'
import { startHarness } from '../e2e/harness/server'
import { startKopij } from '../src/main/kopij'
import { probedPage, type ProbedPage } from './chromium'
import { config, targets } from './config'
import type { Metric } from './report'
import { benchSearch, bridgePage, searchCases, searchOverBridge, statementTimes, type SearchRow } from './search'
import { summarize, type Summary } from './stats'

/** Search on the cached large archive: services and dispatch in this process, the HTTP bridge from Chromium. */
export async function benchLargeArchive(browser: Browser, rendererDir: string, file: string) {
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
