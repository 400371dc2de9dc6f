/** F6 and Shift+F6: move focus between the list, the editor and the side panel, like a desktop app's panes. */
export function cyclePane(direction: 1 | -1, focusEditor: () => void): void {
  // A pane set aside (the article list while publishing) is skipped.
  const panes = [...document.querySelectorAll<HTMLElement>('#root nav, #root main, #root aside')].filter((pane) => !pane.hidden)
  if (panes.length === 0) return
  const current = panes.findIndex((pane) => pane.contains(document.activeElement))
  const next = panes[(current + direction + panes.length) % panes.length]!
  if (next.tagName === 'MAIN') return focusEditor()
  const target =
    next.querySelector<HTMLElement>('[role="listbox"]:not(:empty)') ??
    next.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]') ??
    next.querySelector<HTMLElement>('input, button, select, textarea, [tabindex="0"]')
  target?.focus()
}
