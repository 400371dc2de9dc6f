// Keyboard shortcuts of the workspace: one table for matching keys, labels (Ctrl or ⌘) and the help overlay.
import type { TFunction } from 'i18next'
import type { KeyboardEvent as ReactKeyboardEvent } from 'react'

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

export interface Shortcut {
  /** Ctrl on Windows and Linux, Cmd on macOS. */
  mod?: boolean
  shift?: boolean
  alt?: boolean
  /** KeyboardEvent.key, compared without case ('s', 'F6', '/'). */
  key: string
}

export const shortcuts = {
  newArticle: { mod: true, key: 'n' },
  saveNow: { mod: true, key: 's' },
  focusSearch: { mod: true, shift: true, key: 'f' },
  findInList: { mod: true, key: 'f' },
  history: { mod: true, shift: true, key: 'h' },
  publishing: { mod: true, shift: true, key: 'p' },
  previewPublished: { mod: true, shift: true, key: 'e' },
  help: { key: 'F1' },
  helpAlt: { mod: true, key: '/' },
  nextPane: { key: 'F6' },
  previousPane: { shift: true, key: 'F6' },
  bold: { mod: true, key: 'b' },
  italic: { mod: true, key: 'i' },
  underline: { mod: true, key: 'u' },
  strike: { mod: true, shift: true, key: 's' },
  heading2: { mod: true, alt: true, key: '2' },
  heading3: { mod: true, alt: true, key: '3' },
  bulletList: { mod: true, shift: true, key: '8' },
  orderedList: { mod: true, shift: true, key: '7' },
  blockquote: { mod: true, shift: true, key: 'b' },
  link: { mod: true, key: 'k' },
  blockLanguage: { mod: true, shift: true, key: 'l' },
  cite: { mod: true, shift: true, key: 'c' },
  undo: { mod: true, key: 'z' },
  redo: { mod: true, shift: true, key: 'z' },
} satisfies Record<string, Shortcut>

export type ShortcutName = keyof typeof shortcuts

export function matches(event: KeyboardEvent | ReactKeyboardEvent, shortcut: Shortcut): boolean {
  const mod = isMac ? event.metaKey : event.ctrlKey
  const otherMod = isMac ? event.ctrlKey : event.metaKey
  if (Boolean(shortcut.mod) !== mod || otherMod) return false
  if (Boolean(shortcut.shift) !== event.shiftKey || Boolean(shortcut.alt) !== event.altKey) return false
  // With Alt or Shift held, `key` may be another character ("@" for Shift+2): digits are compared by code.
  if (/^[0-9]$/.test(shortcut.key)) return event.code === `Digit${shortcut.key}` || event.key === shortcut.key
  return event.key.toLowerCase() === shortcut.key.toLowerCase()
}

const keyName = (key: string) => (key.length === 1 ? key.toUpperCase() : key)

/** What the editor reads: "Ctrl+Shift+F" or "⇧⌘F". */
export function shortcutLabel(shortcut: Shortcut, t: TFunction): string {
  if (isMac) {
    return `${shortcut.alt ? t('keys.macOption') : ''}${shortcut.shift ? t('keys.macShift') : ''}${shortcut.mod ? t('keys.macCommand') : ''}${keyName(shortcut.key)}`
  }
  const parts: string[] = []
  if (shortcut.mod) parts.push(t('keys.ctrl'))
  if (shortcut.alt) parts.push(t('keys.alt'))
  if (shortcut.shift) parts.push(t('keys.shift'))
  parts.push(keyName(shortcut.key))
  return parts.join('+')
}

/** The aria-keyshortcuts value ("Control+Shift+F"), which is not translated. */
export function ariaShortcut(shortcut: Shortcut): string {
  const parts: string[] = []
  if (shortcut.mod) parts.push(isMac ? 'Meta' : 'Control')
  if (shortcut.alt) parts.push('Alt')
  if (shortcut.shift) parts.push('Shift')
  parts.push(keyName(shortcut.key))
  return parts.join('+')
}
