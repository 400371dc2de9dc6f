// Search on the large archive: the service, the call as Electron dispatches it, and a bare FTS5 lookup as baseline.
import type { Database, Statement } from 'better-sqlite3'
import type { StatusFilter } from '../src/shared/articles'
import type { Archive } from '../src/main/archive'
import { parseQuery } from '../src/main/archive'
import type { Dispatch } from '../src/main/dispatch'
import { sample, sampleAsync, summarize, type Summary } from './stats'
import type { PageGlobals } from './page'

export interface SearchCase {
  label: string
  query: string
  status: StatusFilter
}

const all = (label: string, query: string): SearchCase => ({ label, query, status: 'all' })

/** The queries an editor's day is made of: the commonest Dutch words, prefixes as typed, pairs, a phrase, filters. */
export const searchCases: SearchCase[] = [
  ...['de', 'het', 'een', 'van', 'en', 'in', 'is', 'dat'].map((w) => all('common word', w)),
  ...['a', 'ac', 'acu', 'acup', 'pati'].map((w) => all('prefix as typed', w)),
  all('two words', 'acupunctuur rugpijn'),
  all('two common words', 'de het'),
  all('two words, last typed', 'placebo eff'),
  all('phrase', '"de patiënten"'),
  { label: 'status filter', query: 'de', status: 'published' },
  { label: 'status filter', query: 'acupunctuur', status: 'draft' },
  all('rare word', 'rugpijnklachten'),
  all('rare name', 'Berman'),
  all('no match', 'zwaluwstaart'),
  all('list (no query)', ''),
  { label: 'list, status filter', query: '', status: 'published' },
]

export interface SearchRow extends SearchCase {
  total: number
  items: number
  serviceMs: Summary
  dispatchMs: Summary
  baselineMs: Summary
}

const columns = 'a.id, a.title, a.slug, a.status, a.language, a.word_count, a.updated_at'

/** The least a search can cost on this index: one matching rowid (or, with no query, one page of the list). */
function baselineStatement(db: Database, c: SearchCase): () => void {
  const parsed = parseQuery(c.query)
  if (!parsed) {
    const list = db.prepare(`SELECT ${columns} FROM articles a ${c.status === 'all' ? '' : 'WHERE a.status = ?'} ORDER BY a.updated_at DESC LIMIT 100`)
    return c.status === 'all' ? () => list.all() : () => list.all(c.status)
  }
  const words = `{title body}: (${parsed.expression})`
  const expression = c.status === 'all' ? words : `${words} AND status: "${c.status}"`
  const one = db.prepare('SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1')
  return () => one.get(expression)
}

/** Every case `samples` times (after a warm-up), so pooled percentiles weigh every query alike. */
export async function benchSearch(archive: Archive, dispatch: Dispatch, cases = searchCases, samples = 30): Promise<{ rows: SearchRow[]; pooled: { service: number[]; dispatch: number[]; baseline: number[] } }> {
  const rows: SearchRow[] = []
  const pooled = { service: [] as number[], dispatch: [] as number[], baseline: [] as number[] }
  const fixed = { warmup: 3, min: samples, max: samples, budgetMs: 0 }
  for (const c of cases) {
    const input = { query: c.query, status: c.status, limit: 100, offset: 0 }
    const result = archive.articles.find(input)
    const service = sample(() => archive.articles.find(input), fixed)
    const dispatched = await sampleAsync(async () => {
      const answer = await dispatch('articles.find', input)
      if (!answer.ok) throw new Error(`articles.find failed: ${answer.error.message}`)
    }, fixed)
    const baseline = sample(baselineStatement(archive.db, c), fixed)
    if (c.query !== '') {
      pooled.service.push(...service)
      pooled.dispatch.push(...dispatched)
      pooled.baseline.push(...baseline)
    }
    rows.push({ ...c, total: result.total, items: result.items.length, serviceMs: summarize(service), dispatchMs: summarize(dispatched), baselineMs: summarize(baseline) })
  }
  return { rows, pooled }
}

/**
 * Where a search's time goes: every statement the archive prepares is timed by its SQL while `work` runs; the rest
 * of the time is JavaScript (parsing, marking passages, building items).
 */
export function statementTimes(db: Database, work: () => void, runs = 10): { totalMs: number; statements: { sql: string; ms: number }[] } {
  const spent = new Map<string, number>()
  const original = db.prepare
  const timed = <F extends (...args: never[]) => unknown>(sql: string, fn: F): F =>
    function (this: unknown, ...args: never[]) {
      const started = performance.now()
      try {
        return fn.apply(this, args)
      } finally {
        spent.set(sql, (spent.get(sql) ?? 0) + performance.now() - started)
      }
    } as F
  db.prepare = function (this: Database, sql: string) {
    const statement = original.call(this, sql) as Statement
    const s = statement as unknown as Record<string, (...args: never[]) => unknown>
    for (const method of ['all', 'get', 'run', 'iterate'] as const) s[method] = timed(sql.replace(/\s+/g, ' ').trim(), s[method]!.bind(statement))
    return statement
  } as Database['prepare']
  const started = performance.now()
  try {
    for (let i = 0; i < runs; i++) work()
  } finally {
    db.prepare = original
  }
  const totalMs = (performance.now() - started) / runs
  return {
    totalMs,
    statements: [...spent.entries()].map(([sql, ms]) => ({ sql, ms: ms / runs })).sort((a, b) => b.ms - a.ms),
  }
}

/** A page on the harness's origin with nothing but the bridge: window.api as the renderer has it. */
export async function bridgePage(page: import('@playwright/test').Page, harnessUrl: string): Promise<void> {
  const url = `${harnessUrl}__bench/bridge.html`
  await page.route(url, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><meta charset="utf-8"><title>bridge</title><script src="/__harness/bridge.js"></script>' }),
  )
  await page.goto(url)
}

/** The renderer's real path: window.api.invoke over HTTP to the harness, the list's first page (50), timed in the page. */
export async function searchOverBridge(page: import('@playwright/test').Page, cases: SearchCase[], reps = 20): Promise<{ case: SearchCase; ms: Summary }[]> {
  const times = (await page.evaluate(
    async ({ cases, reps }) => {
      const api = (globalThis as unknown as PageGlobals).api
      const out: number[][] = []
      for (const c of cases) {
        const times: number[] = []
        for (let i = 0; i < reps + 3; i++) {
          const started = performance.now()
          const answer = await api.invoke('articles.find', { query: c.query, status: c.status, limit: 50, offset: 0 })
          if (!answer.ok) throw new Error(answer.error?.message)
          if (i >= 3) times.push(performance.now() - started)
        }
        out.push(times)
      }
      return out
    },
    { cases, reps },
  )) as number[][]
  return cases.map((c, i) => ({ case: c, ms: summarize(times[i]!) }))
}
