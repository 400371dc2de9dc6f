// What an editor types in a search box, made a safe FTS5 expression: words and phrases only, never syntax.

const wordPattern = /[\p{L}\p{N}\p{Co}]+/gu
const maxTerms = 16

export interface QueryTerm {
  /** Folded as the index folds it: lowercase, without diacritics. */
  word: string
  prefix: boolean
}

export interface ParsedQuery {
  /** Words searched for, one group per loose word or quoted phrase. */
  groups: string[][]
  /** The last group is one word the editor is still typing: it matches as a prefix. */
  prefix: boolean
  expression: string
  terms: QueryTerm[]
}

/** Lowercase without diacritics, as FTS5's unicode61 tokenizer with remove_diacritics folds a token. */
export const fold = (word: string): string => word.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase()

/**
 * Search text is text: only letters and digits become terms, each quoted, so `AND`, `NEAR`, `*`, `(` or a stray
 * quote can never become FTS syntax. Text in balanced double quotes is searched as a phrase; the last word, when
 * the editor is still typing it, matches as a prefix. Returns null when there is nothing to search for.
 */
export function parseQuery(text: string): ParsedQuery | null {
  const input = text.normalize('NFC').slice(0, 1000)
  const parts = input.split('"')
  // With an odd number of quotes the last one is unbalanced: treat what follows it as loose words.
  const closed = parts.length % 2 === 1 ? parts.length : parts.length - 1
  const groups: string[][] = []
  parts.forEach((part, index) => {
    const words = part.match(wordPattern) ?? []
    if (words.length === 0) return
    if (index % 2 === 1 && index < closed) groups.push(words)
    else for (const word of words) groups.push([word])
  })
  if (groups.length === 0) return null
  const kept = groups.slice(0, maxTerms)
  const last = kept[kept.length - 1]!
  const stillTyping = /[\p{L}\p{N}]$/u.test(input) && kept.length === groups.length && last.length === 1
  const terms = kept.flatMap((g, i) => g.map((word) => ({ word: fold(word), prefix: stillTyping && i === kept.length - 1 })))
  return { groups: kept, prefix: stillTyping, expression: matchOf(kept, stillTyping), terms }
}

/**
 * The FTS5 expression for the groups; `completions` replaces a prefix by the index's own words that start with it
 * (an OR of plain terms is read lazily, while a long prefix makes FTS5 merge every matching word's list up front).
 */
export function matchOf(groups: string[][], prefix: boolean, completions?: string[]): string {
  return groups
    .map((group, i) => {
      const last = i === groups.length - 1
      if (last && prefix && completions?.length) return `(${completions.map((word) => `"${word}"`).join(' OR ')})`
      return `"${group.join(' ')}"${last && prefix ? '*' : ''}`
    })
    // Explicit AND: FTS5 has no implicit AND next to a parenthesised OR.
    .join(' AND ')
}


export const matchExpression = (text: string): string | null => parseQuery(text)?.expression ?? null
