import { EventEmitter } from 'node:events'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { latestVersion } from '../archive'
import { readSettings } from '../settings'
import { configureSpelling, runKopij, sqliteBinding, userDataArgument, type RunningKopij } from './app'
import { readWindowState } from './window-state'

class FakeApp extends EventEmitter {
  name = 'kopij'
  paths: Record<string, string> = {}
  locked = true
  isPackaged = false
  exited: number | undefined
  quitCalled = false
  readyBefore: string[] = []
  calls: string[] = []
  constructor(appData: string, readonly languages = ['nl-NL']) {
    super()
    this.paths.appData = appData
  }
  setName = (name: string) => void (this.name = name)
  getPath = (name: string) => this.paths[name] ?? path.join(this.paths.appData!, this.name)
  setPath = (name: string, value: string) => void (this.paths[name] = value)
  enableSandbox = () => void this.calls.push('enableSandbox')
  requestSingleInstanceLock = () => this.locked
  getPreferredSystemLanguages = () => this.languages
  whenReady = async () => void this.calls.push('ready')
  quit = () => void (this.quitCalled = true)
  exit = (code: number) => void (this.exited = code)
}

class FakeWindow extends EventEmitter {
  static all: FakeWindow[] = []
  webContents = Object.assign(new EventEmitter(), {
    send: vi.fn(),
    isDestroyed: () => false,
    forcefullyCrashRenderer: vi.fn(),
    mainFrame: { url: 'app://kopij/index.html', parent: null, detached: false, frameToken: 't', processId: 1 },
  })
  loaded: string[] = []
  focused = 0
  constructor(readonly options: Electron.BrowserWindowConstructorOptions) {
    super()
    FakeWindow.all.push(this)
  }
  getNormalBounds = () => ({ x: 10, y: 20, width: 1000, height: 700 })
  isMaximized = () => false
  isMinimized = () => false
  isDestroyed = () => false
  restore = vi.fn()
  focus = () => void this.focused++
  maximize = vi.fn()
  show = vi.fn()
  loadURL = async (url: string) => void this.loaded.push(url)
  close = vi.fn()
}

function fakeElectron(app: FakeApp) {
  const order: string[] = []
  const display = { workArea: { x: 0, y: 0, width: 1920, height: 1050 } }
  const electron = {
    app,
    BrowserWindow: FakeWindow,
    dialog: { showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0, checkboxChecked: false })) },
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    Menu: { buildFromTemplate: vi.fn((template: unknown) => ({ template })), setApplicationMenu: vi.fn() },
    nativeTheme: { shouldUseDarkColors: false },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => order.push(`scheme:${app.calls.includes('ready') ? 'after' : 'before'}-ready`)),
      handle: vi.fn(),
    },
    screen: { getAllDisplays: () => [display], getPrimaryDisplay: () => display },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        availableSpellCheckerLanguages: ['de', 'en-US', 'nl'],
        setSpellCheckerLanguages: vi.fn(),
      },
    },
    shell: { openExternal: vi.fn() },
  }
  return { electron, order }
}

let dir: string
let running: RunningKopij | null = null
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopij-app-'))
  FakeWindow.all = []
})
afterEach(() => {
  running?.kopij.close()
  running = null
  fs.rmSync(dir, { recursive: true, force: true })
})

const mainDir = '/opt/kopij/out/main'
const run = (app: FakeApp, argv: string[] = [], env: NodeJS.ProcessEnv = {}) => {
  const { electron, order } = fakeElectron(app)
  const log = vi.fn()
  return { electron, order, log, started: runKopij({ electron: electron as never, argv: ['electron', '.', ...argv], env, mainDir, platform: 'linux', log }) }
}

describe('command line', () => {
  it('reads --user-data-dir and KOPIJ_SQLITE_BINDING', () => {
    expect(userDataArgument(['--user-data-dir', '/tmp/p'])).toBe(path.resolve('/tmp/p'))
    expect(userDataArgument(['--user-data-dir=/tmp/q'])).toBe(path.resolve('/tmp/q'))
    expect(userDataArgument(['--archive', 'x'])).toBeUndefined()
    expect(sqliteBinding({ KOPIJ_SQLITE_BINDING: '/b/better_sqlite3.node' })).toBe(path.resolve('/b/better_sqlite3.node'))
    expect(sqliteBinding({})).toBeUndefined()
  })
})

describe('spelling', () => {
  it('checks Dutch and English where available; leaves macOS to the system', () => {
    const session = { availableSpellCheckerLanguages: ['en-GB', 'en-US', 'fr', 'nl'], setSpellCheckerLanguages: vi.fn() }
    expect(configureSpelling(session, 'linux')).toEqual(['nl', 'en-GB'])
    expect(session.setSpellCheckerLanguages).toHaveBeenCalledWith(['nl', 'en-GB'])
    expect(configureSpelling({ availableSpellCheckerLanguages: ['fr'], setSpellCheckerLanguages: vi.fn() }, 'win32')).toEqual([])
    expect(configureSpelling(session, 'darwin')).toEqual([])
  })
})

describe('start-up', () => {
  it('keeps the archive in the user data folder and shows one locked-down window on app://kopij', async () => {
    const app = new FakeApp(dir)
    const { electron, order, started } = run(app)
    running = await started
    const archive = path.join(dir, 'Kopij', 'archive.kopij.sqlite')
    expect(app.name).toBe('Kopij')
    expect(app.getPath('userData')).toBe(path.join(dir, 'Kopij'))
    expect(running?.kopij.archive.file).toBe(archive)
    expect(fs.existsSync(archive)).toBe(true)
    expect(app.calls[0]).toBe('enableSandbox')
    expect(order).toEqual(['scheme:before-ready'])
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function))
    expect(electron.ipcMain.handle).toHaveBeenCalledWith('kopij:call', expect.any(Function))
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled()
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledOnce()
    expect(electron.session.defaultSession.setSpellCheckerLanguages).toHaveBeenCalledWith(['nl', 'en-US'])
    expect(FakeWindow.all).toHaveLength(1)
    const window = FakeWindow.all[0]!
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false })
    expect(window.options.webPreferences?.preload).toBe(path.join('/opt/kopij/out', 'preload', 'index.cjs'))
    expect(window.loaded).toEqual(['app://kopij/index.html'])
  })

  it('opens the archive given with --archive', async () => {
    const file = path.join(dir, 'elsewhere', 'mine.kopij.sqlite')
    running = await run(new FakeApp(dir), ['--archive', file]).started
    expect(running?.kopij.archive.file).toBe(file)
  })

  it('leaves when another Kopij is running, without touching the archive', async () => {
    const app = new FakeApp(dir)
    app.locked = false
    expect(await run(app).started).toBeNull()
    expect(app.quitCalled).toBe(true)
    expect(fs.existsSync(path.join(dir, 'Kopij'))).toBe(false)
  })

  it('brings the window to the front when a second instance starts', async () => {
    const app = new FakeApp(dir)
    running = await run(app).started
    app.emit('second-instance')
    expect(FakeWindow.all[0]!.focused).toBe(1)
  })

  it('forwards events to the window until it closes, saves its bounds, closes the archive on quit', async () => {
    const app = new FakeApp(dir)
    running = await run(app).started
    const kopij = running!.kopij
    const window = FakeWindow.all[0]!
    kopij.events.emit('menu.command', { command: 'article.new' })
    expect(window.webContents.send).toHaveBeenCalledWith('kopij:event', 'menu.command', { command: 'article.new' })
    const close = { prevented: false, preventDefault: () => void (close.prevented = true) }
    window.emit('close', close)
    // The window waits for the renderer to commit its draft before it goes.
    expect(close.prevented).toBe(true)
    expect(window.webContents.send).toHaveBeenCalledWith('kopij:event', 'app.closing', {})
    expect(readWindowState(kopij.archive)).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: false })
    expect(window.close).not.toHaveBeenCalled()
    await kopij.dispatch('app.readyToClose', { saved: true })
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(window.close).toHaveBeenCalledOnce()
    window.emit('closed')
    kopij.events.emit('menu.command', { command: 'about.open' })
    expect(window.webContents.send).toHaveBeenCalledTimes(2)
    expect(running!.window()).toBeNull()
    app.emit('window-all-closed')
    expect(app.quitCalled).toBe(true)
    app.emit('will-quit')
    expect(kopij.archive.db.open).toBe(false)
  })

  it('reloads the page when the renderer process dies', async () => {
    running = await run(new FakeApp(dir)).started
    const window = FakeWindow.all[0]!
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 133 })
    expect(window.loaded).toEqual(['app://kopij/index.html', 'app://kopij/index.html'])
  })

  it('refuses a non-loopback dev server URL and loads app://kopij instead', async () => {
    running = await run(new FakeApp(dir), [], { ELECTRON_RENDERER_URL: 'https://evil.example/' }).started
    expect(FakeWindow.all[0]!.loaded).toEqual(['app://kopij/index.html'])
  })
})

describe('an archive Kopij cannot open', () => {
  const bytes = (file: string) => fs.readFileSync(file)

  async function refused(file: string, languages?: string[]) {
    const before = bytes(file)
    const mtime = fs.statSync(file).mtimeMs
    FakeWindow.all = []
    const app = new FakeApp(dir, languages)
    const { electron, started } = run(app, ['--archive', file])
    expect(await started).toBeNull()
    expect(app.exited).toBe(1)
    expect(FakeWindow.all).toHaveLength(0)
    expect(bytes(file).equals(before)).toBe(true)
    expect(fs.statSync(file).mtimeMs).toBe(mtime)
    expect(fs.existsSync(`${file}-wal`)).toBe(false)
    expect(electron.dialog.showMessageBox).toHaveBeenCalledOnce()
    return electron.dialog.showMessageBox.mock.calls[0]![0] as Electron.MessageBoxOptions
  }

  it('says a damaged file is damaged, in Dutch, and leaves it untouched', async () => {
    const file = path.join(dir, 'damaged.kopij.sqlite')
    fs.writeFileSync(file, 'This is not an SQLite database at all, just text that happens to be here.'.repeat(100))
    const message = await refused(file)
    expect(message.type).toBe('error')
    expect(message.title).toBe('Kopij kan niet starten')
    expect(message.message).toContain('is beschadigd of is geen archief van Kopij')
    expect(message.message).toContain(file)
    expect(message.buttons).toEqual(['Afsluiten'])
  })

  it('says an archive from a newer Kopij needs a newer Kopij, in English on an English system', async () => {
    const file = path.join(dir, 'future.kopij.sqlite')
    const seeded = await run(new FakeApp(dir), ['--archive', file]).started
    seeded!.kopij.close()
    const db = new Database(file)
    db.pragma(`user_version = ${latestVersion() + 1}`)
    db.pragma('journal_mode = DELETE')
    db.close()
    const message = await refused(file, ['en-GB', 'nl'])
    expect(message.title).toBe('Kopij cannot start')
    expect(message.message).toContain('was made by a newer version of Kopij')
  })

  it('says an archive in use by another program is in use, and changes nothing in it', async () => {
    const file = path.join(dir, 'busy.kopij.sqlite')
    const seeded = await run(new FakeApp(dir), ['--archive', file]).started
    seeded!.kopij.close()
    const holder = new Database(file)
    try {
      holder.pragma('locking_mode = EXCLUSIVE')
      holder.exec('BEGIN EXCLUSIVE')
      const before = bytes(file)
      FakeWindow.all = []
      const app = new FakeApp(dir)
      const { electron, started } = run(app, ['--archive', file])
      expect(await started).toBeNull() // after SQLite's busy timeout of a few seconds
      expect(app.exited).toBe(1)
      expect(FakeWindow.all).toHaveLength(0)
      expect(bytes(file).equals(before)).toBe(true)
      const message = electron.dialog.showMessageBox.mock.calls[0]![0] as Electron.MessageBoxOptions
      expect(message.message).toContain('in gebruik door een ander programma')
    } finally {
      holder.exec('ROLLBACK')
      holder.close()
    }
  })

  // Root writes through file permissions, so this one only runs as an ordinary user.
  it.skipIf(process.getuid?.() === 0)('says a read-only archive cannot be written to', async () => {
    const file = path.join(dir, 'readonly.kopij.sqlite')
    const seeded = await run(new FakeApp(dir), ['--archive', file]).started
    seeded!.kopij.close()
    fs.chmodSync(file, 0o444)
    const message = await refused(file)
    expect(message.message).toContain('alleen-lezen')
  })

  it('explains an Electron build of SQLite that does not load', async () => {
    const file = path.join(dir, 'fine.kopij.sqlite')
    const app = new FakeApp(dir, ['en-US'])
    const { electron, started } = run(app, ['--archive', file], { KOPIJ_SQLITE_BINDING: path.join(dir, 'missing', 'better_sqlite3.node') })
    expect(await started).toBeNull()
    expect(app.exited).toBe(1)
    const message = electron.dialog.showMessageBox.mock.calls[0]![0] as Electron.MessageBoxOptions
    expect(message.message).toBe(`Kopij could not open the archive ${file}.`)
    expect(message.detail).toMatch(/better_sqlite3/)
  })
})

describe('languages of the shell', () => {
  it('asks about an external link in the UI language the editor chose', async () => {
    const app = new FakeApp(dir, ['en-US'])
    const { electron, started } = run(app)
    running = await started
    await running!.kopij.dispatch('settings.update', { language: 'nl' })
    expect(readSettings(running!.kopij.archive).language).toBe('nl')
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() })
    app.emit('web-contents-created', {}, contents)
    const handler = contents.setWindowOpenHandler.mock.calls[0]![0] as (d: { url: string }) => { action: string }
    expect(handler({ url: 'https://www.nejm.org/' })).toEqual({ action: 'deny' })
    await vi.waitFor(() => expect(electron.dialog.showMessageBox).toHaveBeenCalled())
    const options = electron.dialog.showMessageBox.mock.calls[0]!.at(-1) as Electron.MessageBoxOptions
    expect(options.message).toBe('Deze link openen buiten Kopij?')
    await vi.waitFor(() => expect(electron.shell.openExternal).toHaveBeenCalledWith('https://www.nejm.org/'))
  })
})
