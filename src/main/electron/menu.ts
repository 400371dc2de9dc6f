// Native menus (File, Edit, View, Help; the app menu on macOS) in the UI language, rebuilt when the language changes.
import type { Menu as MenuClass, MenuItemConstructorOptions } from 'electron'
import type { MenuCommand } from '../../shared/api'
import type { UiLanguage } from '../../shared/settings'
import type { Kopij } from '../kopij'
import { readSettings, updateSettings } from '../settings'
import { translator, type Translate } from './text'

export interface MenuOptions {
  platform: NodeJS.Platform
  /** electron-vite dev: adds Reload and Developer Tools. */
  development: boolean
  language: UiLanguage
  command: (command: MenuCommand) => void
  setLanguage: (language: UiLanguage) => void
}

export const accelerators: Record<MenuCommand, string> = {
  'article.new': 'CmdOrCtrl+N',
  'article.saveNow': 'CmdOrCtrl+S',
  'search.focus': 'CmdOrCtrl+Shift+F',
  'history.open': 'CmdOrCtrl+Shift+H',
  'shortcuts.open': 'F1',
  'about.open': '',
  'citation.insert': 'CmdOrCtrl+Shift+C',
  'publishing.open': 'CmdOrCtrl+Shift+P',
  'publishing.preview': 'CmdOrCtrl+Shift+E',
}

const languages: UiLanguage[] = ['nl', 'en']

/** The whole menu bar as a template: pure, so both languages and every platform can be checked without Electron. */
export function buildMenuTemplate(translate: Translate, options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin'
  // `&` marks the access key (Alt+B opens Bestand) on Windows and Linux; macOS has no access keys.
  const t = (key: string) => (mac ? translate(key).replace(/&(?!&)/g, '') : translate(key))
  const command = (id: MenuCommand, label: string): MenuItemConstructorOptions => ({
    id,
    label: t(label),
    ...(accelerators[id] ? { accelerator: accelerators[id] } : {}),
    click: () => options.command(id),
  })
  const sep: MenuItemConstructorOptions = { type: 'separator' }

  const appMenu: MenuItemConstructorOptions = {
    label: 'Kopij',
    submenu: [
      command('about.open', 'app.about'),
      sep,
      { role: 'services', label: t('app.services') },
      sep,
      { role: 'hide', label: t('app.hide') },
      { role: 'hideOthers', label: t('app.hideOthers') },
      { role: 'unhide', label: t('app.unhide') },
      sep,
      { role: 'quit', label: t('app.quit') },
    ],
  }
  const file: MenuItemConstructorOptions = {
    label: t('file.label'),
    submenu: [
      command('article.new', 'file.newArticle'),
      command('article.saveNow', 'file.saveNow'),
      sep,
      command('publishing.preview', 'file.previewPublished'),
      command('publishing.open', 'file.publishing'),
      sep,
      mac ? { role: 'close', label: t('file.closeWindow') } : { role: 'quit', label: t('file.quit') },
    ],
  }
  const edit: MenuItemConstructorOptions = {
    label: t('edit.label'),
    submenu: [
      { role: 'undo', label: t('edit.undo') },
      { role: 'redo', label: t('edit.redo') },
      sep,
      { role: 'cut', label: t('edit.cut') },
      { role: 'copy', label: t('edit.copy') },
      { role: 'paste', label: t('edit.paste') },
      { role: 'pasteAndMatchStyle', label: t('edit.pasteAndMatchStyle') },
      { role: 'delete', label: t('edit.delete') },
      { role: 'selectAll', label: t('edit.selectAll') },
      sep,
      command('citation.insert', 'edit.insertCitation'),
    ],
  }
  const view: MenuItemConstructorOptions = {
    label: t('view.label'),
    submenu: [
      command('search.focus', 'view.searchArticles'),
      command('history.open', 'view.revisionHistory'),
      {
        id: 'language',
        label: t('view.language'),
        submenu: languages.map((language) => ({
          id: `language.${language}`,
          label: t(`languages.${language}`),
          type: 'radio' as const,
          checked: language === options.language,
          click: () => options.setLanguage(language),
        })),
      },
      sep,
      ...(options.development
        ? [
            { role: 'reload', label: t('view.reload') } as const,
            { role: 'toggleDevTools', label: t('view.toggleDevTools') } as const,
            sep,
          ]
        : []),
      { role: 'resetZoom', label: t('view.resetZoom') },
      { role: 'zoomIn', label: t('view.zoomIn') },
      { role: 'zoomOut', label: t('view.zoomOut') },
      sep,
      { role: 'togglefullscreen', label: t('view.toggleFullScreen') },
    ],
  }
  const window: MenuItemConstructorOptions = {
    role: 'windowMenu',
    label: t('window.label'),
    submenu: [
      { role: 'minimize', label: t('window.minimize') },
      { role: 'zoom', label: t('window.zoom') },
      sep,
      { role: 'front', label: t('window.front') },
    ],
  }
  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: t('help.label'),
    submenu: [command('shortcuts.open', 'help.shortcuts'), ...(mac ? [] : [sep, command('about.open', 'help.about')])],
  }
  return mac ? [appMenu, file, edit, view, window, help] : [file, edit, view, help]
}

export interface InstallMenuOptions {
  Menu: Pick<typeof MenuClass, 'buildFromTemplate' | 'setApplicationMenu'>
  kopij: Pick<Kopij, 'archive' | 'events'>
  platform: NodeJS.Platform
  development: boolean
  report?: (message: string, error: unknown) => void
}

/** Sets the application menu and rebuilds it whenever the UI language changes (from the menu or the renderer). */
export function installMenu({ Menu, kopij, platform, development, report }: InstallMenuOptions): () => void {
  let current: UiLanguage | undefined
  const apply = (language: UiLanguage) => {
    if (language === current) return
    current = language
    const template = buildMenuTemplate(translator(language), {
      platform,
      development,
      language,
      command: (command) => kopij.events.emit('menu.command', { command }),
      setLanguage: (next) => {
        try {
          updateSettings(kopij.archive, kopij.events, { language: next })
        } catch (error) {
          // The archive refused (read-only, disk full): the menu stays as it was rather than crash main.
          report?.('Kopij could not change the language', error)
          current = undefined
          apply(readSettings(kopij.archive).language)
        }
      },
    })
    Menu.setApplicationMenu(Menu.buildFromTemplate(template))
  }
  apply(readSettings(kopij.archive).language)
  return kopij.events.subscribe((name, payload) => {
    if (name === 'settings.changed') apply((payload as { language: UiLanguage }).language)
  })
}
