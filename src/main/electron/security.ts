// Hardening every web page Kopij makes: no navigation away, no new windows, no permissions, links out only on request.
import type { App, Dialog, Session, Shell, WebContents } from 'electron'
import type { Translate } from './text'

/** Only web links and e-mail addresses may leave Kopij, and only to the system's own browser or mail program. */
export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol === 'mailto:') return parsed.pathname.length > 0
  // Credentials in a link are a classic disguise (https://bank.example@evil.example).
  return parsed.protocol === 'https:' && parsed.hostname !== '' && parsed.username === '' && parsed.password === ''
}

export interface ExternalOpenerDeps {
  dialog: Pick<Dialog, 'showMessageBox'>
  shell: Pick<Shell, 'openExternal'>
  text: () => Translate
  /** The window a confirmation belongs to, if any. */
  parent: () => Electron.BaseWindow | null
}

/** Asks the editor before a link leaves Kopij; one question at a time, so a page cannot pile up dialogs. */
export function createExternalOpener(deps: ExternalOpenerDeps): (url: string) => Promise<boolean> {
  let asking = false
  return async (url) => {
    if (!isAllowedExternalUrl(url) || asking) return false
    asking = true
    try {
      const t = deps.text()
      const options: Electron.MessageBoxOptions = {
        type: 'question',
        title: t('dialogs.openExternal.title'),
        message: t('dialogs.openExternal.message'),
        detail: url,
        buttons: [t('dialogs.openExternal.open'), t('dialogs.cancel')],
        defaultId: 1,
        cancelId: 1,
        noLink: true,
      }
      const parent = deps.parent()
      const { response } = await (parent ? deps.dialog.showMessageBox(parent, options) : deps.dialog.showMessageBox(options))
      if (response !== 0) return false
      await deps.shell.openExternal(url)
      return true
    } finally {
      asking = false
    }
  }
}

export interface HardenOptions {
  isAppUrl: (url: string) => boolean
  openExternal: (url: string) => Promise<boolean>
  report?: (message: string) => void
}

type Contents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>

/** Offers a URL to the external opener without ever letting its failure escape into an Electron event handler. */
const offer = (options: HardenOptions, url: string) => void Promise.resolve(url).then(options.openExternal).catch(() => false)

/** Navigation stays inside Kopij; everything that would open or embed another page is refused. */
export function hardenWebContents(contents: Contents, options: HardenOptions): void {
  const refuse = (kind: string) => (event: { preventDefault(): void; url: string }) => {
    if (options.isAppUrl(event.url)) return
    event.preventDefault()
    options.report?.(`Kopij blocked ${kind} to ${event.url}`)
    if (kind === 'navigation') offer(options, event.url)
  }
  contents.on('will-navigate', refuse('navigation'))
  contents.on('will-redirect', refuse('redirect'))
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
    options.report?.('Kopij blocked a <webview>')
  })
  contents.setWindowOpenHandler(({ url }) => {
    offer(options, url)
    return { action: 'deny' }
  })
}

/** No camera, microphone, notifications, clipboard reading, geolocation, … : Kopij's pages need none of them. */
export function hardenSession(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}

/** Hardens every web contents the app creates, including any a bug or a page might open. */
export function installSecurity(app: Pick<App, 'on'>, options: HardenOptions): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, options))
}
