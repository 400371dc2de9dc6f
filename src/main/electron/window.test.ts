import { EventEmitter } from 'node:events'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { BrowserWindowConstructorOptions } from 'electron'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { Archive } from '../archive'
import { backgroundColors, createMainWindow, mainWindowOptions, trackWindowState } from './window'
import { readWindowState, restoreBounds, writeWindowState, windowStateKey, type Rect } from './window-state'

const primary: Rect = { x: 0, y: 0, width: 1920, height: 1050 }
const right: Rect = { x: 1920, y: 0, width: 1280, height: 1000 }

describe('web preferences', () => {
  const prefs = mainWindowOptions('/app/out/preload/index.cjs', { width: 1000, height: 700 }, false).webPreferences!

  it('isolates the page: context isolation, sandbox, no Node anywhere', () => {
    expect(prefs.contextIsolation).toBe(true)
    expect(prefs.sandbox).toBe(true)
    expect(prefs.nodeIntegration).toBe(false)
    expect(prefs.nodeIntegrationInWorker).toBe(false)
    expect(prefs.nodeIntegrationInSubFrames).toBe(false)
  })

  it('keeps web security on and embedding off', () => {
    expect(prefs.webSecurity).toBe(true)
    expect(prefs.allowRunningInsecureContent).toBe(false)
    expect(prefs.webviewTag).toBe(false)
    expect(prefs.navigateOnDragDrop).toBe(false)
  })

  it('loads the bundled preload and checks spelling', () => {
    expect(prefs.preload).toBe('/app/out/preload/index.cjs')
    expect(prefs.spellcheck).toBe(true)
    expect(Object.keys(prefs).sort()).toEqual(
      [
        'allowRunningInsecureContent', 'contextIsolation', 'navigateOnDragDrop', 'nodeIntegration', 'nodeIntegrationInSubFrames',
        'nodeIntegrationInWorker', 'preload', 'sandbox', 'spellcheck', 'webSecurity', 'webviewTag',
      ].sort(),
    )
  })

  it('stays hidden until painted, on a background matching the system theme', () => {
    const light = mainWindowOptions('p', { width: 1000, height: 700 }, false)
    expect(light.show).toBe(false)
    expect(light.backgroundColor).toBe(backgroundColors.light)
    expect(mainWindowOptions('p', { width: 1000, height: 700 }, true).backgroundColor).toBe(backgroundColors.dark)
  })
})

describe('restoreBounds', () => {
  it('opens a first window at the default size, centred', () => {
    expect(restoreBounds(undefined, [primary], primary)).toEqual({ width: 1280, height: 860 })
    expect(restoreBounds(undefined, [{ x: 0, y: 0, width: 1024, height: 700 }], { x: 0, y: 0, width: 1024, height: 700 })).toEqual({ width: 1024, height: 700 })
  })

  it('puts a window back where it was', () => {
    const saved = { x: 100, y: 80, width: 1100, height: 800, maximized: false }
    expect(restoreBounds(saved, [primary, right], primary)).toEqual({ x: 100, y: 80, width: 1100, height: 800 })
    const onRight = { x: 2000, y: 50, width: 1000, height: 700, maximized: false }
    expect(restoreBounds(onRight, [primary, right], primary)).toEqual({ x: 2000, y: 50, width: 1000, height: 700 })
  })

  it('centres on the primary display a window whose display is gone', () => {
    const onRight = { x: 2000, y: 50, width: 1000, height: 700, maximized: false }
    expect(restoreBounds(onRight, [primary], primary)).toEqual({ width: 1000, height: 700 })
    const farAway = { x: -30_000, y: 40_000, width: 900, height: 600, maximized: false }
    expect(restoreBounds(farAway, [primary, right], primary)).toEqual({ width: 900, height: 600 })
  })

  it('pulls a window with only a sliver showing wholly onto its display', () => {
    const sliver = { x: 1900, y: 100, width: 1000, height: 700, maximized: false }
    expect(restoreBounds(sliver, [primary], primary)).toEqual({ x: 920, y: 100, width: 1000, height: 700 })
    const above = { x: 300, y: -690, width: 1000, height: 700, maximized: false }
    expect(restoreBounds(above, [primary, right], primary)).toEqual({ x: 300, y: 0, width: 1000, height: 700 })
  })

  it('moves and shrinks a window that hangs over the edge of its display', () => {
    const over = { x: 1500, y: 900, width: 1000, height: 800, maximized: false }
    expect(restoreBounds(over, [primary], primary)).toEqual({ x: 920, y: 250, width: 1000, height: 800 })
    const huge = { x: 10, y: 10, width: 5000, height: 4000, maximized: false }
    expect(restoreBounds(huge, [primary], primary)).toEqual({ x: 0, y: 0, width: 1920, height: 1050 })
    const tiny = { x: 10, y: 10, width: 200, height: 150, maximized: false }
    expect(restoreBounds(tiny, [primary], primary)).toEqual({ x: 10, y: 10, width: 720, height: 480 })
  })

  it('respects a work area that does not start at 0,0 (taskbar on the left or top)', () => {
    const area = { x: 60, y: 30, width: 1860, height: 1050 }
    expect(restoreBounds({ x: 0, y: 0, width: 800, height: 600, maximized: false }, [area], area)).toEqual({ x: 60, y: 30, width: 800, height: 600 })
  })
})

describe('window state in the archive', () => {
  let dir: string | undefined
  let archive: Archive | undefined
  afterEach(() => {
    archive?.close()
    if (dir) fs.rmSync(dir, { recursive: true, force: true })
    vi.useRealTimers()
  })
  const open = () => {
    dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'kopij-window-'))
    archive = Archive.open(path.join(dir, 'archive.kopij.sqlite'))
    return archive
  }

  it('round-trips and ignores a damaged value', () => {
    const archive = open()
    expect(readWindowState(archive)).toBeUndefined()
    writeWindowState(archive, { x: 5, y: 6, width: 900, height: 700, maximized: true })
    expect(readWindowState(archive)).toEqual({ x: 5, y: 6, width: 900, height: 700, maximized: true })
    archive.settings.write(windowStateKey, { width: 'wide', maximized: 'yes' })
    expect(readWindowState(archive)).toBeUndefined()
    expect(() => writeWindowState(archive, { width: -1, height: 5, maximized: false })).toThrow()
  })

  class FakeWindow extends EventEmitter {
    static last: FakeWindow
    bounds: Rect
    maximized = false
    shown = false
    loaded: string | undefined
    webContents = {}
    constructor(readonly options: BrowserWindowConstructorOptions) {
      super()
      this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width!, height: options.height! }
      FakeWindow.last = this
    }
    getNormalBounds = () => this.bounds
    isMaximized = () => this.maximized
    isDestroyed = () => false
    maximize = () => (this.maximized = true)
    show = () => (this.shown = true)
    loadURL = async (url: string) => void (this.loaded = url)
  }

  const screen = { getAllDisplays: () => [{ workArea: primary }], getPrimaryDisplay: () => ({ workArea: primary }) }
  const create = (archive: Archive) =>
    createMainWindow({
      BrowserWindow: FakeWindow as never,
      screen: screen as never,
      nativeTheme: { shouldUseDarkColors: false },
      archive,
      preload: '/p.cjs',
      startUrl: 'app://kopij/index.html',
      debounceMs: 200,
    })

  it('restores size, place and maximized state, and shows the window only when painted', () => {
    const archive = open()
    writeWindowState(archive, { x: 40, y: 30, width: 1000, height: 750, maximized: true })
    create(archive)
    const window = FakeWindow.last
    expect(window.options).toMatchObject({ x: 40, y: 30, width: 1000, height: 750, show: false })
    expect(window.loaded).toBe('app://kopij/index.html')
    expect(window.shown).toBe(false)
    window.emit('ready-to-show')
    expect(window.shown).toBe(true)
    expect(window.maximized).toBe(true)
  })

  it('saves the bounds after the editor stops moving, and at once on close', () => {
    vi.useFakeTimers()
    const archive = open()
    create(archive)
    const window = FakeWindow.last
    window.bounds = { x: 200, y: 100, width: 900, height: 650 }
    window.emit('move')
    vi.advanceTimersByTime(100)
    window.emit('resize')
    vi.advanceTimersByTime(150)
    expect(readWindowState(archive)).toBeUndefined()
    vi.advanceTimersByTime(100)
    expect(readWindowState(archive)).toEqual({ x: 200, y: 100, width: 900, height: 650, maximized: false })
    window.bounds = { x: 210, y: 110, width: 910, height: 660 }
    window.maximized = true
    window.emit('close')
    expect(readWindowState(archive)).toEqual({ x: 210, y: 110, width: 910, height: 660, maximized: true })
  })

  it('stops saving once the window is closed, and survives an archive that refuses the write', () => {
    vi.useFakeTimers()
    const save = vi.fn(() => {
      throw new Error('read-only')
    })
    const window = new FakeWindow({ width: 800, height: 600 })
    const stop = trackWindowState(window as never, save, 100)
    window.emit('resize')
    stop()
    vi.advanceTimersByTime(500)
    expect(save).not.toHaveBeenCalled()

    const archive = open()
    const refusing = { settings: archive.settings, transaction: () => { throw new Error('SQLITE_READONLY') } }
    const report = vi.fn()
    createMainWindow({
      BrowserWindow: FakeWindow as never, screen: screen as never, nativeTheme: { shouldUseDarkColors: true },
      archive: refusing as never, preload: '/p.cjs', startUrl: 'app://kopij/index.html', report,
    })
    expect(() => FakeWindow.last.emit('close')).not.toThrow()
    expect(report).toHaveBeenCalledOnce()
  })
})
