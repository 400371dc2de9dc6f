// Debian's Chromium under Playwright, with the in-page probe and the DevTools Protocol calls the bench needs.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test'

export const chromiumPath = process.env.KOPIJ_CHROMIUM ?? '/usr/bin/chromium'
const probe = fs.readFileSync(path.join(__dirname, 'probe.js'), 'utf8')

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  })
}

export function chromiumVersion(): string {
  try {
    return execFileSync(chromiumPath, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return 'unknown'
  }
}

export interface ProbedPage {
  page: Page
  cdp: CDPSession
  /** Console errors and uncaught exceptions: a run with these is reported, its numbers are suspect. */
  errors: string[]
}

/** A page with the probe installed before any of its own scripts (unless `probe` is false), at the app's window size. */
export async function probedPage(browser: Browser, options: { probe?: boolean } = {}): Promise<ProbedPage> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  const page = await context.newPage()
  if (options.probe !== false) await page.addInitScript({ content: probe })
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`)
  })
  const cdp = await context.newCDPSession(page)
  await cdp.send('Performance.enable')
  return { page, cdp, errors }
}

export interface PageMemory {
  jsHeapUsedMb: number
  domNodes: number
}

/** JS heap and DOM nodes after a full garbage collection (DevTools Protocol Performance.getMetrics). */
export async function pageMemory(cdp: CDPSession): Promise<PageMemory> {
  await cdp.send('HeapProfiler.collectGarbage')
  const { metrics } = await cdp.send('Performance.getMetrics')
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN
  return { jsHeapUsedMb: get('JSHeapUsedSize') / 2 ** 20, domNodes: get('Nodes') }
}

export interface MainThread {
  taskMs: number
  scriptMs: number
  layoutMs: number
  styleMs: number
  layouts: number
  styleRecalcs: number
}

/** The renderer main thread's cumulative busy time by kind (DevTools Protocol Performance.getMetrics). */
export async function mainThread(cdp: CDPSession): Promise<MainThread> {
  const { metrics } = await cdp.send('Performance.getMetrics')
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN
  return {
    taskMs: get('TaskDuration') * 1000,
    scriptMs: get('ScriptDuration') * 1000,
    layoutMs: get('LayoutDuration') * 1000,
    styleMs: get('RecalcStyleDuration') * 1000,
    layouts: get('LayoutCount'),
    styleRecalcs: get('RecalcStyleCount'),
  }
}

/** What `work` cost the main thread, per unit (per key typed). */
export async function mainThreadPer(cdp: CDPSession, units: () => number, work: () => Promise<void>): Promise<MainThread> {
  const before = await mainThread(cdp)
  await work()
  const after = await mainThread(cdp)
  const n = Math.max(1, units())
  const per = (key: keyof MainThread) => (after[key] - before[key]) / n
  return { taskMs: per('taskMs'), scriptMs: per('scriptMs'), layoutMs: per('layoutMs'), styleMs: per('styleMs'), layouts: per('layouts'), styleRecalcs: per('styleRecalcs') }
}

export interface ProfileSummary {
  /** JavaScript time (self time of all functions), without idle, "(program)" (the engine's own work) and GC. */
  totalMs: number
  idleMs: number
  programMs: number
  garbageCollectorMs: number
  /** Functions by self time, the busiest first. */
  top: { function: string; url: string; line: number; selfMs: number; share: number }[]
}

/** Runs `work` under the V8 sampling profiler and sums self time per function. */
export async function profile(cdp: CDPSession, work: () => Promise<void>, top = 25): Promise<ProfileSummary> {
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
  await cdp.send('Profiler.start')
  await work()
  const { profile } = await cdp.send('Profiler.stop')
  await cdp.send('Profiler.disable')
  const self = new Map<number, number>()
  const deltas = profile.timeDeltas ?? []
  ;(profile.samples ?? []).forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0) / 1000))
  const byFunction = new Map<string, { function: string; url: string; line: number; selfMs: number }>()
  for (const node of profile.nodes) {
    const ms = self.get(node.id) ?? 0
    const f = node.callFrame
    const key = `${f.functionName}|${f.url}|${f.lineNumber}`
    const entry = byFunction.get(key) ?? { function: f.functionName || '(anonymous)', url: f.url.replace(/^https?:\/\/[^/]+/, ''), line: f.lineNumber + 1, selfMs: 0 }
    entry.selfMs += ms
    byFunction.set(key, entry)
  }
  const all = [...byFunction.values()]
  const overhead = ['(idle)', '(program)', '(garbage collector)']
  const busy = all.filter((e) => !overhead.includes(e.function))
  const totalMs = busy.reduce((sum, e) => sum + e.selfMs, 0)
  const of = (name: string) => Math.round((all.find((e) => e.function === name)?.selfMs ?? 0) * 10) / 10
  return {
    totalMs,
    idleMs: of('(idle)'),
    programMs: of('(program)'),
    garbageCollectorMs: of('(garbage collector)'),
    top: busy
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, top)
      .map((e) => ({ ...e, selfMs: Math.round(e.selfMs * 10) / 10, share: totalMs ? Math.round((e.selfMs / totalMs) * 1000) / 1000 : 0 })),
  }
}
