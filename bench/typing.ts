// Typing into an editor page like an editor does: caret placed by a click, keys pressed with human gaps, measured in the page.
import type { Page } from '@playwright/test'
import type { PageGlobals } from './page'
import { percentile, summarize, type Summary } from './stats'

export interface KeyRecord {
  key: string
  /** The key event's timestamp (ms since the page's time origin): when the browser received the key. */
  t0: number
  inputDelay: number
  handler: number
  parts: Record<string, number>
  /** From the key's timestamp to the end of its last text-changing event. */
  processed: number | null
  paint: number | null
}

export interface TypingRun {
  timeOrigin: number
  window: { start: number; end: number }
  fallbacks: number
  keys: KeyRecord[]
  longTasks: { startTime: number; duration: number }[]
  eventTimings: { name: string; startTime: number; duration: number; processing: number; interactionId: number }[]
  frames: {
    startTime: number
    duration: number
    blockingDuration: number
    scripts: { invoker: string; invokerType: string; sourceFunctionName: string; sourceURL: string; duration: number; forcedStyleAndLayoutDuration: number }[]
  }[]
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Breaks the typed sentences into a new paragraph (Enter) about every `every` characters, as an editor does. */
export function withParagraphs(text: string, every = 120): string {
  let out = ''
  let since = 0
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (ch === ' ' && text[i - 1] === '.' && since >= every) {
      out += '\n'
      since = 0
    } else {
      out += ch
      since++
    }
  }
  return out
}

/**
 * Puts the caret at the end of the paragraph `which` of the editor's top-level paragraphs, by clicking to the right
 * of its last line and pressing End; checks the selection really is there.
 */
export async function placeCaret(page: Page, container: string, which: 'middle' | 'end'): Promise<number> {
  const paragraphs = page.locator(`${container} > p`)
  const count = await paragraphs.count()
  if (count === 0) throw new Error(`No paragraphs in ${container}`)
  const index = which === 'middle' ? Math.floor(count / 2) : count - 1
  const target = paragraphs.nth(index)
  await target.scrollIntoViewIfNeeded()
  const box = await target.boundingBox()
  if (!box) throw new Error(`Paragraph ${index} of ${container} is not visible`)
  await page.mouse.click(box.x + box.width - 2, box.y + box.height - 6)
  await page.keyboard.press('End')
  const inside = await target.evaluate((el) => {
    const selection = (globalThis as unknown as PageGlobals).getSelection()
    return !!selection && selection.isCollapsed && el.contains(selection.anchorNode as Node | null)
  })
  if (!inside) throw new Error(`The caret did not land in paragraph ${index} of ${container}`)
  return index
}

/** Types `text` ('\n' is Enter) with a gap drawn from [minGap, maxGap] ms between keys, recording in the page. */
export async function typeMeasured(page: Page, text: string, rand: () => number, minGap = 50, maxGap = 100): Promise<TypingRun> {
  await page.evaluate(() => (globalThis as unknown as PageGlobals).__bench.start())
  for (const ch of text) {
    if (ch === '\n') await page.keyboard.press('Enter')
    else await page.keyboard.type(ch)
    await sleep(minGap + rand() * (maxGap - minGap))
  }
  return (await page.evaluate(() => (globalThis as unknown as PageGlobals).__bench.stop())) as TypingRun
}

export interface TypingSummary {
  keys: number
  handlerMs: Summary
  paintMs: Summary
  inputDelayMs: Summary
  processedMs: Summary
  /** Keys with no frame recorded after them (should be none). */
  keysWithoutPaint: number
  /** Events whose end was taken from the fallback task (propagation stopped): their handler time is an overestimate. */
  fallbacks: number
  longTasks: { count: number; totalMs: number; maxMs: number }
  /**
   * The browser's own view (Event Timing API, entries of 16 ms or more, durations rounded to 8 ms and measured to
   * the frame's presentation): key presses whose slowest event took ≥ 16 ms, and ≥ 24 ms (surely over one frame).
   */
  slowEvents: {
    /**
     * p95 over keys of the slowest entry's duration, a key without entries counted as under 16 ms (0 here): exact
     * to the 8 ms step when at least 16, and then a bound the rAF approximation cannot give (it stops at the frame).
     */
    presentationP95: number
    entries: number
    keysAtLeast16: number
    keysAtLeast24: number
    maxDurationMs: number
    maxProcessingMs: number
    worst: { name: string; startTime: number; duration: number; processing: number; probePaintMs: number | null; probeHandlerMs: number | null }[]
  }
  /** Long animation frames (≥ 50 ms) and the scripts in them, by invoker: where the time went. */
  longFrames: { count: number; totalMs: number; byInvoker: { invoker: string; count: number; totalMs: number }[] }
  /** Mean handler time per event type across keys. */
  handlerByEventMs: Record<string, number>
}

export function summarizeTyping(runs: TypingRun[]): TypingSummary {
  const keys = runs.flatMap((r) => r.keys)
  const longTasks = runs.flatMap((r) => r.longTasks)
  // keyup changes nothing on screen, so its "next paint" is whenever something else paints (the next key): left out.
  const slow = runs.flatMap((r) => r.eventTimings).filter((e) => ['keydown', 'keypress', 'textInput', 'beforeinput', 'input'].includes(e.name))
  // A key press is one interaction (keydown, keyup and the input between share an id); group by it, else by key.
  const slowest = new Map<string, number>()
  const owner = (startTime: number) => {
    let found: KeyRecord | undefined
    for (const k of keys) if (k.t0 <= startTime + 0.5) found = k
    return found
  }
  for (const entry of slow) {
    const key = owner(entry.startTime)
    const id = key ? `key ${key.t0}` : `interaction ${entry.interactionId || entry.startTime}`
    slowest.set(id, Math.max(slowest.get(id) ?? 0, entry.duration))
  }
  const probeKey = (startTime: number) => keys.find((k) => Math.abs(k.t0 - startTime) < 0.5)
  const frames = runs.flatMap((r) => r.frames)
  const invokers = new Map<string, { invoker: string; count: number; totalMs: number }>()
  for (const script of frames.flatMap((f) => f.scripts)) {
    const name = `${script.invokerType}: ${script.invoker}${script.sourceFunctionName ? ` (${script.sourceFunctionName})` : ''}`
    const entry = invokers.get(name) ?? { invoker: name, count: 0, totalMs: 0 }
    entry.count++
    entry.totalMs += script.duration
    invokers.set(name, entry)
  }
  const byEvent: Record<string, number> = {}
  for (const key of keys) for (const [type, ms] of Object.entries(key.parts)) byEvent[type] = (byEvent[type] ?? 0) + ms / keys.length
  return {
    keys: keys.length,
    handlerMs: summarize(keys.map((k) => k.handler)),
    paintMs: summarize(keys.flatMap((k) => (k.paint === null ? [] : [k.paint]))),
    inputDelayMs: summarize(keys.map((k) => k.inputDelay)),
    processedMs: summarize(keys.flatMap((k) => (k.processed === null ? [] : [k.processed]))),
    keysWithoutPaint: keys.filter((k) => k.paint === null).length,
    fallbacks: runs.reduce((sum, r) => sum + r.fallbacks, 0),
    longTasks: {
      count: longTasks.length,
      totalMs: longTasks.reduce((sum, t) => sum + t.duration, 0),
      maxMs: longTasks.reduce((max, t) => Math.max(max, t.duration), 0),
    },
    slowEvents: {
      presentationP95: percentile(
        keys.map((k) => slowest.get(`key ${k.t0}`) ?? 0),
        95,
      ),
      entries: slow.length,
      keysAtLeast16: [...slowest.values()].filter((d) => d >= 16).length,
      keysAtLeast24: [...slowest.values()].filter((d) => d >= 24).length,
      maxDurationMs: slow.reduce((max, e) => Math.max(max, e.duration), 0),
      maxProcessingMs: slow.reduce((max, e) => Math.max(max, e.processing), 0),
      worst: [...slow]
        .sort((a, b) => b.duration - a.duration)
        .slice(0, 8)
        .map((e) => ({
          name: e.name,
          startTime: e.startTime,
          duration: e.duration,
          processing: e.processing,
          probePaintMs: probeKey(e.startTime)?.paint ?? null,
          probeHandlerMs: probeKey(e.startTime)?.handler ?? null,
        })),
    },
    longFrames: {
      count: frames.length,
      totalMs: frames.reduce((sum, f) => sum + f.duration, 0),
      byInvoker: [...invokers.values()].sort((a, b) => b.totalMs - a.totalMs).slice(0, 10),
    },
    handlerByEventMs: byEvent,
  }
}
