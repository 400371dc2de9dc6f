// Checks a document JSON against the schema: what the archive accepts, the editor and exporters can always read.
import { Node as PMNode } from '@tiptap/pm/model'
import type { DocumentJson } from '../articles'
import { ApiError } from '../errors'
import { readCitationItems } from '../citations'
import { CitationStyle } from '../citations'
import { QuoteLayout } from '../quotes'
import { readQuoteId } from './extensions/bilingual-quote'
import { documentSchema, isAllowedHref } from './schema'

export function parseDocument(json: DocumentJson): PMNode {
  let node: PMNode
  try {
    node = PMNode.fromJSON(documentSchema(), json)
    node.check()
  } catch (error) {
    throw new ApiError('invalid-input', `The document does not fit Kopij's schema: ${(error as Error).message}`)
  }
  if (!CitationStyle.safeParse(node.attrs.citationStyle).success)
    throw new ApiError('invalid-input', `Kopij has no citation style ${JSON.stringify(node.attrs.citationStyle).slice(0, 40)}.`)
  // The schema knows a link has an href, not which schemes are safe to keep; nor what a citation's items may hold.
  node.descendants((child) => {
    if (child.type.name === 'bilingualQuote' && (!readQuoteId(child.attrs.quote) || !QuoteLayout.safeParse(child.attrs.layout).success))
      throw new ApiError('invalid-input', `A quote block does not name a quote of the archive: ${JSON.stringify(child.attrs).slice(0, 120)}`)
    if (child.type.name === 'citation' && !readCitationItems(child.attrs.items))
      throw new ApiError('invalid-input', `A citation does not cite 1 to 20 sources with valid locators: ${JSON.stringify(child.attrs.items).slice(0, 120)}`)
    for (const mark of child.marks) {
      if (mark.type.name === 'link' && !isAllowedHref(String(mark.attrs.href ?? ''))) {
        throw new ApiError('invalid-input', `A link points to a scheme Kopij does not keep: ${String(mark.attrs.href).slice(0, 80)}`)
      }
    }
  })
  return node
}

export const emptyDocument = (): DocumentJson => ({ type: 'doc', content: [{ type: 'paragraph' }] })
