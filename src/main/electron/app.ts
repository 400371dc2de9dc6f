// Start-up of the desktop app: one instance, the archive opened (or a clear refusal), protocol, IPC, menu and window.
import path from 'node:path'
import type * as ElectronModule from 'electron'
import type { BrowserWindow } from 'electron'
import { startKopij, type Kopij } from '../kopij'
import { appName, archiveArgument, archiveFileName, pathArgument } from '../paths'
import { readSettings } from '../settings'
import { defaultSettings } from '../../shared/settings'
import { guardClose } from './close-guard'
import { SafeStorageCredentialStore } from './credentials'
import { crashLoopQuestion, hungQuestion, startupFailure, unsavedQuestion } from './dialogs'
import { forwardEvents, registerIpc } from './ipc'
import { installMenu } from './menu'
import { appEntryUrl, appScheme, createAppProtocolHandler, devServerUrl, isAppUrl, registerAppScheme } from './protocol'
import { watchRenderer } from './recovery'
import { createExternalOpener, hardenSession, installSecurity } from './security'
import { systemLanguage, translator, type Translate } from './text'
import { createMainWindow } from './window'

export type ElectronApi = Pick<
  typeof ElectronModule,
  'app' | 'BrowserWindow' | 'dialog' | 'ipcMain' | 'Menu' | 'nativeTheme' | 'protocol' | 'screen' | 'session' | 'shell'
> &
  Partial<Pick<typeof ElectronModule, 'safeStorage'>>

export interface RunOptions {
  electron: ElectronApi
  argv: readonly string[]
  env: NodeJS.ProcessEnv
  /** The folder of the built main bundle (out/main): the preload and the renderer are built beside it. */
  mainDir: string
  platform?: NodeJS.Platform
  log?: (message: string, error?: unknown) => void
}

export interface RunningKopij {
  kopij: Kopij
  window: () => BrowserWindow | null
  openWindow: () => BrowserWindow
}

/** `--user-data-dir PATH` (Chromium's own switch name): a separate profile, e.g. for end-to-end tests. */
export const userDataArgument = (argv: readonly string[]): string | undefined => pathArgument(argv, '--user-data-dir')

/**
 * better-sqlite3 in node_modules is compiled for Node, whose ABI differs from Electron's. `npm start` builds an
 * Electron copy under .cache/electron-native/ and names it in KOPIJ_SQLITE_BINDING; without it (a packaged app
 * rebuilt with @electron/rebuild) the module's own binding is used.
 */
export function sqliteBinding(env: NodeJS.ProcessEnv): string | undefined {
  return env.KOPIJ_SQLITE_BINDING ? path.resolve(env.KOPIJ_SQLITE_BINDING) : undefined
}

/**
 * Editors write Dutch with English quotations: both spell-check dictionaries where the platform lets Kopij choose
 * (macOS always uses the system's own spelling languages).
 */
export function configureSpelling(
  session: Pick<ElectronModule.Session, 'availableSpellCheckerLanguages' | 'setSpellCheckerLanguages'>,
  platform: NodeJS.Platform,
): string[] {
  if (platform === 'darwin') return []
  const wanted = ['nl', 'nl-NL', 'en-GB', 'en-US']
  const available = new Set(session.availableSpellCheckerLanguages)
  const chosen = [wanted.find((l) => l.startsWith('nl') && available.has(l)), wanted.find((l) => l.startsWith('en') && available.has(l))]
  const languages = chosen.filter((l): l is string => l !== undefined)
  if (languages.length) session.setSpellCheckerLanguages(languages)
  return languages
}

export async function runKopij(options: RunOptions): Promise<RunningKopij | null> {
  const { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, protocol, screen, session, shell } = options.electron
  const platform = options.platform ?? process.platform
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''))

  // The same folder as src/main/paths.ts names for the CLI, so both find the same archive.
  app.setName(appName)
  app.setPath('userData', userDataArgument(options.argv) ?? path.join(app.getPath('appData'), appName))
  app.enableSandbox()
  registerAppScheme(protocol)

  if (!app.requestSingleInstanceLock()) {
    // Another Kopij has the archive open; it comes to the front (second-instance below) and this one leaves.
    app.quit()
    return null
  }

  const devUrl = devServerUrl(options.env, app.isPackaged)
  const isOwn = (url: string) => isAppUrl(url, devUrl?.origin)
  let window: BrowserWindow | null = null
  let text: Translate = translator(defaultSettings.language)
  installSecurity(app, {
    isAppUrl: isOwn,
    openExternal: createExternalOpener({ dialog, shell, text: () => text, parent: () => window }),
    report: log,
  })

  await app.whenReady()
  // Until the archive says which language the editor chose, dialogs speak the system's language (if Kopij knows it).
  text = translator(systemLanguage(app.getPreferredSystemLanguages()))

  const archivePath = archiveArgument(options.argv) ?? path.join(app.getPath('userData'), archiveFileName)
  let kopij: Kopij
  try {
    // Site secrets go to the OS keychain (safeStorage), not to the archive or a plain file.
    const credentials = options.electron.safeStorage ? new SafeStorageCredentialStore(options.electron.safeStorage, app.getPath('userData')) : undefined
    kopij = startKopij({ archivePath, host: 'electron', nativeBinding: sqliteBinding(options.env), report: log, credentials })
  } catch (error) {
    // Locked, read-only, damaged or newer: say so and leave; startKopij has not written to the file.
    log(`Kopij could not open ${archivePath}`, error)
    await dialog.showMessageBox(startupFailure(text, error, archivePath))
    app.exit(1)
    return null
  }

  text = translator(readSettings(kopij.archive).language)
  kopij.events.subscribe((name, payload) => {
    if (name === 'settings.changed') text = translator((payload as { language: 'nl' | 'en' }).language)
  })

  hardenSession(session.defaultSession)
  try {
    configureSpelling(session.defaultSession, platform)
  } catch (error) {
    log('Kopij could not set the spell-check languages', error)
  }
  protocol.handle(appScheme, createAppProtocolHandler(path.join(options.mainDir, '..', 'renderer')))
  const stopIpc = registerIpc(ipcMain, { dispatch: kopij.dispatch, window: () => window, isAppUrl: isOwn, report: log })
  const stopMenu = installMenu({ Menu, kopij, platform, development: devUrl !== undefined, report: log })
  const startUrl = devUrl?.href ?? appEntryUrl

  const openWindow = (): BrowserWindow => {
    const win = createMainWindow({
      BrowserWindow,
      screen,
      nativeTheme,
      archive: kopij.archive,
      preload: path.join(options.mainDir, '..', 'preload', 'index.cjs'),
      startUrl,
      report: log,
    })
    const contents = win.webContents
    const stopEvents = forwardEvents(kopij.events, contents)
    const stopWatching = watchRenderer(contents, {
      reload: () => void win.loadURL(startUrl).catch((error: unknown) => log('Kopij could not reload its page', error)),
      askReloadHung: async (signal) => (await dialog.showMessageBox(win, hungQuestion(text, signal))).response === 1,
      askRetryAfterCrashes: async () => (await dialog.showMessageBox(win, crashLoopQuestion(text))).response === 0,
      quit: () => app.quit(),
      report: log,
    })
    guardClose(win, {
      request: (timeoutMs) => kopij.closing.request(timeoutMs),
      askCloseUnsaved: async () => (await dialog.showMessageBox(win, unsavedQuestion(text))).response === 1,
      // The close was held back for the save; when quitting started it, quitting goes on now.
      closed: () => quitting && app.quit(),
    })
    win.on('closed', () => {
      stopEvents()
      stopWatching()
      if (window === win) window = null
    })
    window = win
    return win
  }

  let quitting = false
  app.on('before-quit', () => (quitting = true))
  app.on('second-instance', () => {
    if (!window) return void openWindow()
    if (window.isMinimized()) window.restore()
    window.focus()
  })
  app.on('activate', () => {
    if (!window) openWindow()
  })
  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit()
  })
  app.on('will-quit', () => {
    stopMenu()
    stopIpc()
    kopij.close()
  })

  openWindow()
  return { kopij, window: () => window, openWindow }
}
