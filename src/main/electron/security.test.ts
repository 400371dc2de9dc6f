import { EventEmitter } from 'node:events'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { isAppUrl } from './protocol'
import { createExternalOpener, hardenSession, hardenWebContents, installSecurity, isAllowedExternalUrl } from './security'
import { translator } from './text'

function fakeContents() {
  const emitter = new EventEmitter()
  let openHandler: ((details: { url: string }) => { action: string }) | undefined
  return {
    on: (name: string, listener: (...args: unknown[]) => void) => emitter.on(name, listener),
    setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
    /** Emits like Electron: an event object with preventDefault and url. */
    navigate(name: string, url: string) {
      const event = { url, defaultPrevented: false, preventDefault() { this.defaultPrevented = true } }
      emitter.emit(name, event, url)
      return event.defaultPrevented
    },
    open: (url: string) => openHandler!({ url }),
    count: (name: string) => emitter.listenerCount(name),
  }
}

function harden() {
  const contents = fakeContents()
  const openExternal = vi.fn(async () => true)
  hardenWebContents(contents as never, { isAppUrl: (u) => isAppUrl(u), openExternal })
  return { contents, openExternal }
}

describe('web contents hardening', () => {
  it('lets Kopij move between its own pages', () => {
    const { contents } = harden()
    expect(contents.navigate('will-navigate', 'app://kopij/index.html#/articles')).toBe(false)
    expect(contents.navigate('will-redirect', 'app://kopij/index.html')).toBe(false)
  })

  it.each(['https://example.com/', 'http://evil.example/', 'file:///etc/passwd', 'app://evil/index.html', 'javascript:alert(1)', 'data:text/html,<p>x'])(
    'denies navigation and redirects to %s',
    (url) => {
      const { contents } = harden()
      expect(contents.navigate('will-navigate', url)).toBe(true)
      expect(contents.navigate('will-redirect', url)).toBe(true)
    },
  )

  it('offers a link the editor followed to the system browser (after confirmation, see below) instead of navigating', async () => {
    const { contents, openExternal } = harden()
    contents.navigate('will-navigate', 'https://www.nejm.org/doi/full/10.1056/NEJMoa1008114')
    await vi.waitFor(() => expect(openExternal).toHaveBeenCalled())
    expect(openExternal).toHaveBeenCalledWith('https://www.nejm.org/doi/full/10.1056/NEJMoa1008114')
  })

  it.each(['https://example.com/', 'app://kopij/index.html', 'about:blank', 'mailto:redactie@example.nl'])('denies window.open(%s)', async (url) => {
    const { contents, openExternal } = harden()
    expect(contents.open(url)).toEqual({ action: 'deny' })
    await vi.waitFor(() => expect(openExternal).toHaveBeenCalled())
    expect(openExternal).toHaveBeenCalledWith(url)
  })

  it('prevents <webview> from attaching', () => {
    const { contents } = harden()
    expect(contents.navigate('will-attach-webview', 'https://example.com/')).toBe(true)
  })

  it('hardens every web contents the app creates', () => {
    const app = new EventEmitter()
    installSecurity(app as never, { isAppUrl: (u) => isAppUrl(u), openExternal: vi.fn(async () => false) })
    const contents = fakeContents()
    app.emit('web-contents-created', {}, contents)
    expect(contents.count('will-navigate')).toBe(1)
    expect(contents.count('will-attach-webview')).toBe(1)
    expect(contents.navigate('will-navigate', 'https://example.com/')).toBe(true)
  })
})

describe('permissions', () => {
  it('denies every permission request and check', () => {
    let request: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined
    let check: ((wc: unknown, permission: string) => boolean) | undefined
    hardenSession({
      setPermissionRequestHandler: (h: typeof request) => (request = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
    } as never)
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'unknown']) {
      const callback = vi.fn()
      request!({}, permission, callback)
      expect(callback).toHaveBeenCalledExactlyOnceWith(false)
      expect(check!({}, permission)).toBe(false)
    }
  })
})

describe('links out of Kopij', () => {
  it('allows https and mailto only', () => {
    expect(isAllowedExternalUrl('https://pubmed.ncbi.nlm.nih.gov/20679448/')).toBe(true)
    expect(isAllowedExternalUrl('mailto:redactie@example.nl')).toBe(true)
    for (const url of [
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'app://kopij/index.html',
      'smb://server/share',
      'ms-msdt:/id',
      'https://user:pw@evil.example/',
      'https://bank.example@evil.example/',
      'mailto:',
      'not a url',
      '',
    ])
      expect(isAllowedExternalUrl(url), url).toBe(false)
  })

  function opener(response: number) {
    const dialog = { showMessageBox: vi.fn(async (_options: Electron.MessageBoxOptions) => ({ response, checkboxChecked: false })) }
    const shell = { openExternal: vi.fn(async () => {}) }
    const open = createExternalOpener({ dialog: dialog as never, shell, text: () => translator('nl'), parent: () => null })
    return { dialog, shell, open }
  }

  it('opens an https link only after the editor confirms, in the UI language', async () => {
    const { dialog, shell, open } = opener(0)
    await expect(open('https://www.nejm.org/')).resolves.toBe(true)
    expect(dialog.showMessageBox).toHaveBeenCalledOnce()
    const options = dialog.showMessageBox.mock.calls[0]![0]
    expect(options.detail).toBe('https://www.nejm.org/')
    expect(options.buttons).toEqual(['Openen', 'Annuleren'])
    expect(options.cancelId).toBe(1)
    expect(options.defaultId).toBe(1)
    expect(shell.openExternal).toHaveBeenCalledWith('https://www.nejm.org/')
    expect(dialog.showMessageBox.mock.invocationCallOrder[0]).toBeLessThan(shell.openExternal.mock.invocationCallOrder[0]!)
  })

  it('does not open when the editor cancels', async () => {
    const { shell, open } = opener(1)
    await expect(open('mailto:redactie@example.nl')).resolves.toBe(false)
    expect(shell.openExternal).not.toHaveBeenCalled()
  })

  it('never asks about, or opens, anything but https and mailto', async () => {
    const { dialog, shell, open } = opener(0)
    for (const url of ['http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://x/y']) await expect(open(url)).resolves.toBe(false)
    expect(dialog.showMessageBox).not.toHaveBeenCalled()
    expect(shell.openExternal).not.toHaveBeenCalled()
  })

  it('asks one question at a time', async () => {
    const { dialog, open } = opener(1)
    await Promise.all([open('https://a.example/'), open('https://b.example/'), open('https://c.example/')])
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(1)
  })
})

describe('source rules', () => {
  const src = path.resolve(__dirname, '../..')
  const files = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name)
      return entry.isDirectory() ? files(full) : /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) ? [full] : []
    })
  const production = files(src).filter((file) => !/\.test\.tsx?$/.test(file))

  it('reads the source tree', () => {
    expect(production.some((file) => file.endsWith(path.join('preload', 'bridge.ts')))).toBe(true)
    expect(production.length).toBeGreaterThan(20)
  })

  it('has no synchronous IPC anywhere in src', () => {
    const forbidden = ['send' + 'Sync', 'event.return' + 'Value', 'ipcMain.' + 'on(']
    const offenders = production.filter((file) => forbidden.some((word) => fs.readFileSync(file, 'utf8').includes(word)))
    expect(offenders).toEqual([])
  })

  it('imports electron only in src/main/electron and src/preload', () => {
    const importsElectron = /(?:from\s+['"]electron['"]|require\(\s*['"]electron['"]\s*\)|import\(\s*['"]electron['"]\s*\))/
    const allowed = [path.join(src, 'main', 'electron') + path.sep, path.join(src, 'preload') + path.sep]
    const offenders = production.filter(
      (file) => importsElectron.test(fs.readFileSync(file, 'utf8')) && !allowed.some((dir) => file.startsWith(dir)),
    )
    expect(offenders).toEqual([])
  })
})
