// Keys typed while a new article is still being created: held, then replayed into its title once that is on screen.

/** Held input: runs of text, and Enter (which moves from the title into the text). */
type Held = (string | { key: 'Enter' })[]

let held: Held | null = null
let safety: ReturnType<typeof setTimeout> | undefined

function onKey(event: KeyboardEvent): void {
  if (held === null || event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return
  const last = held[held.length - 1]
  if (event.key.length === 1) {
    if (typeof last === 'string') held[held.length - 1] = last + event.key
    else held.push(event.key)
  } else if (event.key === 'Backspace') {
    if (typeof last === 'string') held[held.length - 1] = last.slice(0, -1)
    else held.pop()
  } else if (event.key === 'Enter') held.push({ key: 'Enter' })
  else return
  // Held keys must not reach the article that is closing.
  event.preventDefault()
  event.stopImmediatePropagation()
}

/** From now until `releaseKeys`, text keys, Backspace and Enter are held instead of going to whatever has focus. */
export function holdKeys(): void {
  if (held !== null) return
  held = []
  window.addEventListener('keydown', onKey, true)
  // A create that never finishes must not swallow the keyboard.
  safety = setTimeout(() => releaseKeys(), 5000)
}

/** Stops holding and returns what was typed meanwhile. */
export function releaseKeys(): Held {
  const input = (held ?? []).filter((part) => part !== '')
  held = null
  clearTimeout(safety)
  window.removeEventListener('keydown', onKey, true)
  return input
}

/**
 * Replays held input into the focused field as if typed there: text through insertText (undoable, seen by React
 * and ProseMirror), Enter as a key event for the field's own handler (the title sends it on into the text).
 */
export function typeHeldKeys(): void {
  for (const part of releaseKeys()) {
    const target = document.activeElement ?? document.body
    if (typeof part === 'string') document.execCommand('insertText', false, part)
    else target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true }))
  }
}
