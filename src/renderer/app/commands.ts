import { useEffect, useRef } from 'react'
import type { MenuCommand } from '../../shared/api'
import { on } from '../api'
import { cyclePane } from './panes'
import { matches, shortcuts } from './shortcuts'

/** What the workspace does for each menu command, plus the two keyboard-only actions. */
export type WorkspaceActions = Record<MenuCommand, () => void> & {
  /** Ctrl/Cmd+F outside a text field. */
  findInList(): void
  /** F6 reaching the editor pane. */
  focusMain(): void
}

const isTextField = (el: Element | null) =>
  !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || (el as HTMLElement).isContentEditable)

/**
 * Menu commands (from the native menu, over the contract) and app-wide keys, one table for both. The native menu
 * and the keyboard can both deliver a press; the same command twice within 400 ms is one press, so Ctrl+N makes one
 * article. Keys the editor already handled (defaultPrevented) and keys under a modal dialog are left alone.
 */
export function useCommands(actions: WorkspaceActions): void {
  const current = useRef(actions)
  current.current = actions

  useEffect(() => {
    let last = { command: '', at: 0 }
    const run = (command: MenuCommand) => {
      const now = performance.now()
      if (last.command === command && now - last.at < 400) return
      last = { command, at: now }
      current.current[command]()
    }
    const keys: [keyof typeof shortcuts, () => void][] = [
      ['newArticle', () => run('article.new')],
      ['saveNow', () => run('article.saveNow')],
      ['focusSearch', () => run('search.focus')],
      ['history', () => run('history.open')],
      ['publishing', () => run('publishing.open')],
      ['previewPublished', () => run('publishing.preview')],
      ['cite', () => run('citation.insert')],
      ['help', () => run('shortcuts.open')],
      ['helpAlt', () => run('shortcuts.open')],
      ['nextPane', () => cyclePane(1, current.current.focusMain)],
      ['previousPane', () => cyclePane(-1, current.current.focusMain)],
    ]
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || document.getElementById('root')?.inert) return
      const hit = keys.find(([name]) => matches(event, shortcuts[name]))
      const action = hit?.[1] ?? (matches(event, shortcuts.findInList) && !isTextField(document.activeElement) ? current.current.findInList : null)
      if (!action) return
      event.preventDefault()
      action()
    }
    const off = on('menu.command', ({ command }) => run(command))
    window.addEventListener('keydown', onKeyDown)
    return () => {
      off()
      window.removeEventListener('keydown', onKeyDown)
    }
  }, [])
}
