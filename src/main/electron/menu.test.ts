import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { MenuItemConstructorOptions } from 'electron'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { MenuCommand } from '../../shared/api'
import nlMenu from '../../shared/i18n/locales/nl/menu.json'
import enMenu from '../../shared/i18n/locales/en/menu.json'
import { startKopij, type Kopij } from '../kopij'
import { readSettings } from '../settings'
import { accelerators, buildMenuTemplate, installMenu, type MenuOptions } from './menu'
import { translator } from './text'

type Item = MenuItemConstructorOptions

function options(overrides: Partial<MenuOptions> = {}): MenuOptions {
  return { platform: 'linux', development: false, language: 'nl', command: vi.fn(), setLanguage: vi.fn(), ...overrides }
}

const flatten = (items: Item[]): Item[] =>
  items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu as Item[]) : [])])
const byId = (items: Item[], id: string) => flatten(items).find((item) => item.id === id)
const submenu = (item: Item | undefined) => (item?.submenu ?? []) as Item[]
const click = (item: Item | undefined) => (item?.click as (() => void) | undefined)?.()

function keys(value: unknown, prefix = ''): string[] {
  return Object.entries(value as Record<string, unknown>).flatMap(([key, v]) =>
    typeof v === 'object' && v !== null ? keys(v, `${prefix}${key}.`) : [`${prefix}${key}`],
  )
}

describe('menu texts', () => {
  it('has the same keys in Dutch and English, none empty', () => {
    expect(keys(nlMenu).sort()).toEqual(keys(enMenu).sort())
    for (const t of [translator('nl'), translator('en')]) for (const key of keys(nlMenu)) expect(t(key).trim()).not.toBe('')
  })
})

describe('buildMenuTemplate', () => {
  it('has File, Edit, View and Help in Dutch by default, with access keys', () => {
    const template = buildMenuTemplate(translator('nl'), options())
    expect(template.map((m) => m.label)).toEqual(['&Bestand', 'Be&werken', 'Beel&d', '&Help'])
    expect(byId(template, 'article.new')?.label).toBe('Nieuw artikel')
    expect(byId(template, 'search.focus')?.label).toBe('Artikelen zoeken')
    // Publishing sits in File, between saving and quitting.
    expect(submenu(template[0]).map((i) => i.id ?? i.role ?? i.type)).toEqual([
      'article.new', 'article.saveNow', 'separator', 'publishing.preview', 'publishing.open', 'separator', 'quit',
    ])
    expect(byId(template, 'publishing.open')?.label).toBe('Publiceren…')
  })

  it('is in English when the UI language is English', () => {
    const template = buildMenuTemplate(translator('en'), options({ language: 'en' }))
    expect(template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help'])
    expect(byId(template, 'article.saveNow')?.label).toBe('Save Now')
    expect(byId(template, 'history.open')?.label).toBe('Revision History')
    expect(byId(template, 'publishing.open')?.label).toBe('Publish…')
    expect(byId(template, 'publishing.preview')?.label).toBe('Preview as Published')
  })

  it('uses a translation for every label (no key shows through), in both languages and on every platform', () => {
    for (const language of ['nl', 'en'] as const)
      for (const platform of ['linux', 'win32', 'darwin'] as const)
        for (const development of [false, true]) {
          const items = flatten(buildMenuTemplate(translator(language), options({ language, platform, development })))
          for (const item of items.filter((i) => i.type !== 'separator')) {
            expect(item.label, JSON.stringify(item.role ?? item.id)).toBeTruthy()
            expect(item.label).not.toMatch(/^(app|file|edit|view|window|help|languages)\./)
          }
        }
  })

  it('gives Edit the standard roles in the standard order', () => {
    const edit = submenu(buildMenuTemplate(translator('en'), options())[1])
    expect(edit.map((i) => i.role ?? i.type)).toEqual([
      'undo', 'redo', 'separator', 'cut', 'copy', 'paste', 'pasteAndMatchStyle', 'delete', 'selectAll', 'separator', undefined,
    ])
    // The one command of Kopij's own in Edit: citing a source at the cursor.
    expect(edit.at(-1)).toMatchObject({ id: 'citation.insert', label: 'Insert Citation…', accelerator: 'CmdOrCtrl+Shift+C' })
    expect(edit.find((i) => i.role === 'copy')?.label).toBe('Copy')
    expect(submenu(buildMenuTemplate(translator('nl'), options())[1]).find((i) => i.role === 'copy')?.label).toBe('Kopiëren')
  })

  it('binds the accelerators editors rely on', () => {
    const template = buildMenuTemplate(translator('nl'), options())
    expect(byId(template, 'article.new')?.accelerator).toBe('CmdOrCtrl+N')
    expect(byId(template, 'article.saveNow')?.accelerator).toBe('CmdOrCtrl+S')
    expect(byId(template, 'search.focus')?.accelerator).toBe('CmdOrCtrl+Shift+F')
    expect(byId(template, 'history.open')?.accelerator).toBe('CmdOrCtrl+Shift+H')
    expect(byId(template, 'shortcuts.open')?.accelerator).toBe('F1')
    expect(byId(template, 'citation.insert')?.accelerator).toBe('CmdOrCtrl+Shift+C')
    expect(byId(template, 'publishing.open')?.accelerator).toBe('CmdOrCtrl+Shift+P')
    expect(byId(template, 'publishing.preview')?.accelerator).toBe('CmdOrCtrl+Shift+E')
    const all = flatten(template).map((i) => i.accelerator).filter(Boolean)
    expect(new Set(all).size).toBe(all.length)
  })

  it('emits the contract command of each item, and every command has an item', () => {
    const command = vi.fn()
    const template = buildMenuTemplate(translator('nl'), options({ command }))
    for (const name of MenuCommand.options) {
      command.mockClear()
      click(byId(template, name))
      expect(command).toHaveBeenCalledExactlyOnceWith(name)
    }
    expect(Object.keys(accelerators).sort()).toEqual([...MenuCommand.options].sort())
  })

  it('offers both languages as radio items, the current one checked, each switching the language', () => {
    const setLanguage = vi.fn()
    const template = buildMenuTemplate(translator('en'), options({ language: 'en', setLanguage }))
    const items = submenu(byId(template, 'language'))
    expect(items.map((i) => [i.label, i.type, i.checked])).toEqual([
      ['Nederlands', 'radio', false],
      ['English', 'radio', true],
    ])
    click(items[0])
    expect(setLanguage).toHaveBeenCalledWith('nl')
    expect(byId(template, 'language')?.label).toBe('Language (Taal)')
  })

  it('shows Reload and Developer Tools only in development', () => {
    const roles = (development: boolean) =>
      flatten(buildMenuTemplate(translator('nl'), options({ development }))).map((i) => i.role)
    expect(roles(false)).not.toContain('reload')
    expect(roles(false)).not.toContain('toggleDevTools')
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']))
    expect(roles(false)).toEqual(expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']))
  })

  it('quits from File on Windows and Linux; on macOS adds the app and Window menus and drops access keys', () => {
    const linux = buildMenuTemplate(translator('nl'), options())
    expect(submenu(linux[0]).at(-1)?.role).toBe('quit')
    expect(byId(linux, 'about.open')?.label).toBe('Over Kopij')
    const mac = buildMenuTemplate(translator('nl'), options({ platform: 'darwin' }))
    expect(mac.map((m) => m.label)).toEqual(['Kopij', 'Bestand', 'Bewerken', 'Beeld', 'Venster', 'Help'])
    expect(submenu(mac[0]).map((i) => i.role).filter(Boolean)).toEqual(['services', 'hide', 'hideOthers', 'unhide', 'quit'])
    expect(submenu(mac[1]).at(-1)?.role).toBe('close')
    expect(flatten(mac).filter((i) => i.id === 'about.open')).toHaveLength(1)
  })
})

describe('installMenu', () => {
  let dir: string | undefined
  let kopij: Kopij | undefined
  afterEach(() => {
    kopij?.close()
    if (dir) fs.rmSync(dir, { recursive: true, force: true })
  })

  function setup() {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopij-menu-'))
    kopij = startKopij({ archivePath: path.join(dir, 'archive.kopij.sqlite'), host: 'electron', demo: false })
    const Menu = { buildFromTemplate: vi.fn((template: Item[]) => ({ template })), setApplicationMenu: vi.fn() }
    const dispose = installMenu({ Menu: Menu as never, kopij, platform: 'linux', development: false })
    const shown = () => (Menu.setApplicationMenu.mock.lastCall![0] as unknown as { template: Item[] }).template
    return { Menu, dispose, shown, kopij }
  }

  it('follows the UI language, whether chosen in the menu or in the renderer', () => {
    const { Menu, shown, kopij } = setup()
    expect(shown()[0]?.label).toBe('&Bestand')
    click(submenu(byId(shown(), 'language'))[1])
    expect(readSettings(kopij.archive).language).toBe('en')
    expect(shown()[0]?.label).toBe('&File')
    void kopij.dispatch('settings.update', { language: 'nl' })
    return vi.waitFor(() => {
      expect(shown()[0]?.label).toBe('&Bestand')
      expect(Menu.setApplicationMenu).toHaveBeenCalledTimes(3)
    })
  })

  it('does not rebuild for settings that leave the language alone, and stops listening when disposed', async () => {
    const { Menu, dispose, kopij } = setup()
    await kopij.dispatch('settings.update', { lastArticleId: null })
    expect(Menu.setApplicationMenu).toHaveBeenCalledTimes(1)
    dispose()
    await kopij.dispatch('settings.update', { language: 'en' })
    expect(Menu.setApplicationMenu).toHaveBeenCalledTimes(1)
  })

  it('sends menu commands to the renderer as menu.command events', () => {
    const { shown, kopij } = setup()
    const seen: unknown[] = []
    kopij.events.subscribe((name, payload) => seen.push([name, payload]))
    click(byId(shown(), 'history.open'))
    expect(seen).toEqual([['menu.command', { command: 'history.open' }]])
  })
})
