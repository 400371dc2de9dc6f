// The extensions that define an article's document: the same list in the editor, in main and in the CLI.
import { getSchema, type AnyExtension } from '@tiptap/core'
import StarterKit from '@tiptap/starter-kit'
import type { Schema } from '@tiptap/pm/model'
import { BilingualQuote } from './extensions/bilingual-quote'
import { Citation } from './extensions/citation'
import { CitationStyleAttribute } from './extensions/citation-style'
import { Language } from './extensions/language'

/** Only these schemes survive in links, whether typed, pasted or imported. */
export const linkProtocols = ['http', 'https', 'mailto'] as const

export const isAllowedHref = (href: string): boolean => {
  try {
    const url = new URL(href)
    return (linkProtocols as readonly string[]).includes(url.protocol.replace(/:$/, ''))
  } catch {
    return false
  }
}

export function documentExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      heading: { levels: [2, 3, 4] },
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: 'https',
        protocols: [],
        HTMLAttributes: { target: null, rel: 'noopener noreferrer' },
        isAllowedUri: (url) => isAllowedHref(url),
      },
    }),
    Language,
    Citation,
    CitationStyleAttribute,
    BilingualQuote,
  ]
}

let cached: Schema | undefined
export function documentSchema(): Schema {
  cached ??= getSchema(documentExtensions())
  return cached
}
