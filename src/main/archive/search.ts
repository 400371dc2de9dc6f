// Turns what an editor types into a safe FTS5 expression, and FTS5's marked text into highlight runs.
import type { HighlightedText } from '../../shared/articles'

/** Markers FTS5 puts around matches; control characters that cannot occur in indexed text. */
export const matchStart = '\u0002'
export const matchEnd = '\u0003'

const wordPattern = /[\p{L}\p{N}\p{Co}]+/gu
const maxTerms = 16

/**
 * Search text is text: only letters and digits become terms, each quoted, so `AND`, `NEAR`, `*`, `(` or a stray
 * quote can never become FTS syntax. Text in balanced double quotes is searched as a phrase; the last word, when
 * the editor is still typing it, matches as a prefix. Returns null when there is nothing to search for.
 */
export function matchExpression(text: string): string | null {
  const input = text.normalize('NFC').slice(0, 1000)
  const parts = input.split('"')
  // With an odd number of quotes the last one is unbalanced: treat what follows it as loose words.
  const closed = parts.length % 2 === 1 ? parts.length : parts.length - 1
  const terms: string[] = []
  parts.forEach((part, index) => {
    const words = part.match(wordPattern) ?? []
    if (words.length === 0) return
    if (index % 2 === 1 && index < closed) terms.push(`"${words.join(' ')}"`)
    else for (const word of words) terms.push(`"${word}"`)
  })
  if (terms.length === 0) return null
  const kept = terms.slice(0, maxTerms)
  const stillTyping = /[\p{L}\p{N}]$/u.test(input) && kept.length === terms.length
  if (stillTyping && !kept[kept.length - 1]!.includes(' ')) kept[kept.length - 1] += '*'
  return kept.join(' ')
}

/** Splits FTS5 highlight()/snippet() output into runs; text outside markers is never interpreted. */
export function highlightRuns(marked: string): HighlightedText {
  const runs: HighlightedText = []
  let match = false
  let buffer = ''
  const flush = () => {
    if (buffer) runs.push({ text: buffer, match })
    buffer = ''
  }
  for (const char of marked) {
    if (char === matchStart) {
      flush()
      match = true
    } else if (char === matchEnd) {
      flush()
      match = false
    } else buffer += char
  }
  flush()
  return runs
}
