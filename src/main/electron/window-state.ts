// Where the window was: saved in the archive's settings, restored onto a display that still exists.
import { z } from 'zod'
import type { Archive } from '../archive'

export const minWidth = 720
export const minHeight = 480
export const defaultWidth = 1280
export const defaultHeight = 860

/** Main-internal setting (not in the contract): the renderer never reads or writes it. */
export const windowStateKey = 'window'

export const WindowState = z
  .object({
    x: z.number().int().min(-100_000).max(100_000).optional(),
    y: z.number().int().min(-100_000).max(100_000).optional(),
    width: z.number().int().min(100).max(100_000),
    height: z.number().int().min(100).max(100_000),
    maximized: z.boolean(),
  })
  .strict()
export type WindowState = z.infer<typeof WindowState>

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export type Bounds = { x?: number; y?: number; width: number; height: number }

export function readWindowState(archive: Pick<Archive, 'settings'>): WindowState | undefined {
  return archive.settings.read<WindowState | undefined>(windowStateKey, WindowState, undefined)
}

export function writeWindowState(archive: Pick<Archive, 'settings' | 'transaction'>, state: WindowState): void {
  const checked = WindowState.parse(state)
  archive.transaction(() => archive.settings.write(windowStateKey, checked))
}

const overlap = (a: Rect, b: Rect): number =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y))

const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), Math.max(low, high))

/** Width and height that fit the work area, not below the minimum unless the display itself is smaller. */
function fitSize(width: number, height: number, area: Rect): { width: number; height: number } {
  return {
    width: clamp(width, Math.min(minWidth, area.width), area.width),
    height: clamp(height, Math.min(minHeight, area.height), area.height),
  }
}

/**
 * The bounds to open the window with. A saved window comes back on the display it overlaps most, moved and shrunk
 * just enough to lie wholly inside that display's work area (so its title bar can always be grabbed); a window
 * left on a display that is gone opens centred on the primary display. No x/y means Electron centres it.
 */
export function restoreBounds(saved: WindowState | undefined, workAreas: readonly Rect[], primary: Rect): Bounds {
  if (!saved) return fitSize(defaultWidth, defaultHeight, primary)
  if (saved.x === undefined || saved.y === undefined) return fitSize(saved.width, saved.height, primary)
  const rect = { x: saved.x, y: saved.y, width: saved.width, height: saved.height }
  let best: Rect | undefined
  let bestArea = 0
  for (const area of workAreas) {
    const shared = overlap(rect, area)
    if (shared > bestArea) [best, bestArea] = [area, shared]
  }
  if (!best) return fitSize(saved.width, saved.height, primary)
  const size = fitSize(saved.width, saved.height, best)
  return {
    x: clamp(saved.x, best.x, best.x + best.width - size.width),
    y: clamp(saved.y, best.y, best.y + best.height - size.height),
    ...size,
  }
}
