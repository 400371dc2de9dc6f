// Plain text and word counts of a document, read straight from its JSON (no schema, no DOM).
import type { DocumentJson } from '../articles'

type JsonNode = { type?: unknown; text?: unknown; content?: unknown }

const blockBreak = new Set(['paragraph', 'heading', 'blockquote', 'listItem', 'codeBlock', 'bulletList', 'orderedList'])

/** Text of the document with blocks on their own lines, as indexed for search. */
export function documentText(doc: DocumentJson): string {
  const parts: string[] = []
  const walk = (node: JsonNode) => {
    if (typeof node.text === 'string') parts.push(node.text)
    else if (node.type === 'hardBreak') parts.push('\n')
    if (Array.isArray(node.content)) for (const child of node.content) walk(child as JsonNode)
    if (typeof node.type === 'string' && blockBreak.has(node.type)) parts.push('\n')
  }
  walk(doc as JsonNode)
  return parts.join('').replace(/\n{2,}/g, '\n').trim()
}

// A word is a run of letters or digits, optionally joined by an apostrophe or hyphen ("patiënt's", "nep-acupunctuur").
const wordPattern = /[\p{L}\p{N}]+(?:['’\-–][\p{L}\p{N}]+)*/gu

export function countWords(text: string): number {
  let count = 0
  wordPattern.lastIndex = 0
  while (wordPattern.exec(text)) count++
  return count
}
