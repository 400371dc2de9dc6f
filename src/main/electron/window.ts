// Kopij's one window: locked-down web preferences, shown when painted, its size and place kept across restarts.
import type { BrowserWindow, BrowserWindowConstructorOptions, NativeTheme, Screen } from 'electron'
import type { Archive } from '../archive'
import { minHeight, minWidth, readWindowState, restoreBounds, writeWindowState, type Bounds, type WindowState } from './window-state'

/** Painted before the page loads, so a dark desktop does not flash white (and a light one not black). */
export const backgroundColors = { light: '#ffffff', dark: '#1e1e1e' } as const

export function mainWindowOptions(preload: string, bounds: Bounds, dark: boolean): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    minWidth,
    minHeight,
    title: 'Kopij',
    show: false,
    backgroundColor: dark ? backgroundColors.dark : backgroundColors.light,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
    },
  }
}

type Tracked = Pick<BrowserWindow, 'on' | 'getNormalBounds' | 'isMaximized' | 'isDestroyed'>

/**
 * Saves the window's normal (unmaximized) bounds and whether it is maximized: debounced while the editor drags,
 * at once when the window closes. Returns what stops it.
 */
export function trackWindowState(
  window: Tracked,
  save: (state: WindowState) => void,
  debounceMs = 500,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false
  const capture = (): WindowState => {
    const { x, y, width, height } = window.getNormalBounds()
    return { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height), maximized: window.isMaximized() }
  }
  const flush = () => {
    clearTimeout(timer)
    timer = undefined
    if (!stopped && !window.isDestroyed()) save(capture())
  }
  const schedule = () => {
    clearTimeout(timer)
    timer = setTimeout(flush, debounceMs)
  }
  for (const name of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(name as 'resize', schedule)
  window.on('close', flush)
  return () => {
    stopped = true
    clearTimeout(timer)
  }
}

export interface MainWindowDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow
  screen: Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay'>
  nativeTheme: Pick<NativeTheme, 'shouldUseDarkColors'>
  archive: Pick<Archive, 'settings' | 'transaction'>
  preload: string
  startUrl: string
  report?: (message: string, error: unknown) => void
  debounceMs?: number
}

export function createMainWindow(deps: MainWindowDeps): BrowserWindow {
  const saved = readWindowState(deps.archive)
  const bounds = restoreBounds(
    saved,
    deps.screen.getAllDisplays().map((display) => display.workArea),
    deps.screen.getPrimaryDisplay().workArea,
  )
  const window = new deps.BrowserWindow(mainWindowOptions(deps.preload, bounds, deps.nativeTheme.shouldUseDarkColors))
  window.once('ready-to-show', () => {
    if (saved?.maximized) window.maximize()
    window.show()
  })
  const stop = trackWindowState(
    window,
    (state) => {
      try {
        writeWindowState(deps.archive, state)
      } catch (error) {
        // A read-only or full disk must not stop the window from closing; the old size simply stays.
        deps.report?.('Kopij could not save the window size', error)
      }
    },
    deps.debounceMs,
  )
  window.on('closed', stop)
  window.loadURL(deps.startUrl).catch((error: unknown) => deps.report?.(`Kopij could not load ${deps.startUrl}`, error))
  return window
}
