// Keys typed while a new article is still being created: held, then typed into its title once that is on screen.

let held: string | null = null
let safety: ReturnType<typeof setTimeout> | undefined

function onKey(event: KeyboardEvent): void {
  if (held === null || event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return
  if (event.key.length === 1) held += event.key
  else if (event.key === 'Backspace') held = held.slice(0, -1)
  else return
  // Held keys must not reach the article that is closing.
  event.preventDefault()
  event.stopImmediatePropagation()
}

/** From now until `releaseKeys`, printable keys are held instead of going to whatever has focus. */
export function holdKeys(): void {
  if (held !== null) return
  held = ''
  window.addEventListener('keydown', onKey, true)
  // A create that never finishes must not swallow the keyboard.
  safety = setTimeout(() => releaseKeys(), 5000)
}

/** Stops holding and returns what was typed meanwhile. */
export function releaseKeys(): string {
  const text = held ?? ''
  held = null
  clearTimeout(safety)
  window.removeEventListener('keydown', onKey, true)
  return text
}

/** Types held text into the focused field as if typed there (so it is undoable and React sees the change). */
export function typeHeldKeys(): void {
  const text = releaseKeys()
  if (text) document.execCommand('insertText', false, text)
}
