// The bilingual quote block: a quote of the archive (by id) shown as translation and original, with its citation.
import { Node } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { QuoteId, QuoteLayout, type QuoteBlock } from '../../quotes'

/** A quote id from untrusted HTML or JSON, or null. */
export const readQuoteId = (value: unknown): string | null => (QuoteId.safeParse(value).success ? (value as string) : null)
export const readQuoteLayout = (value: unknown): QuoteLayout => (QuoteLayout.safeParse(value).success ? (value as QuoteLayout) : 'beside')

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    bilingualQuote: {
      /** Inserts a block of the quote at the selection; `citation` is the citation of its source and locator, if any. */
      insertBilingualQuote: (quote: string, citation?: { items: unknown[] } | null, layout?: QuoteLayout) => ReturnType
    }
  }
}

/**
 * The block holds the quote's id and how the original shows, never the quote's text: the archive's quote is the
 * truth, and editing either side goes through it. Its one child is a real citation node (numbered and listed in the
 * bibliography like any other), written from the quote's source and locator. An atom: the cursor never enters it.
 */
export const BilingualQuote = Node.create({
  name: 'bilingualQuote',
  group: 'block',
  content: 'citation?',
  atom: true,
  isolating: true,
  selectable: true,
  draggable: true,

  addAttributes() {
    return {
      quote: {
        default: null,
        parseHTML: (element) => readQuoteId(element.getAttribute('data-quote')),
        renderHTML: (attributes) => ({ 'data-quote': attributes.quote }),
      },
      layout: {
        default: 'beside',
        parseHTML: (element) => readQuoteLayout(element.getAttribute('data-layout')),
        renderHTML: (attributes) => ({ 'data-layout': readQuoteLayout(attributes.layout) }),
      },
    }
  },

  parseHTML() {
    return [{ tag: 'figure[data-quote]', getAttrs: (element) => (readQuoteId((element as { getAttribute(name: string): string | null }).getAttribute('data-quote')) ? null : false) }]
  },

  renderHTML({ HTMLAttributes }) {
    return ['figure', { class: 'kopij-quote', ...HTMLAttributes }, 0]
  },

  addCommands() {
    return {
      insertBilingualQuote:
        (quote, citation, layout = 'beside') =>
        ({ state, tr, dispatch }) => {
          const type = state.schema.nodes.bilingualQuote!
          const child = citation ? state.schema.nodes.citation!.create({ items: citation.items }) : null
          const node = type.create({ quote, layout }, child)
          if (dispatch) tr.replaceSelectionWith(node).scrollIntoView()
          return true
        },
    }
  },
})

// Its own escaping: html.ts reaches this file through the schema, and a cycle is not worth one line.
const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

const paragraphs = (texts: readonly string[]) => texts.map((t) => `<p>${escapeHtml(t)}</p>`).join('')

/**
 * The published block: the translation (in the text, lang="nl") and the original (lang="en"), each a blockquote
 * whose `cite` is the source's address, and a caption naming the work in <cite> with the citation that links to the
 * bibliography. A quote the archive lacks publishes nothing (QA names it before).
 */
export function bilingualQuoteHtml(block: QuoteBlock, layout: QuoteLayout, citation: string): string {
  if (!block.exists) return ''
  const cite = block.source?.url ? ` cite="${escapeHtml(block.source.url)}"` : ''
  const translation = block.translation.length ? `<blockquote class="kopij-quote-translation" lang="nl"${cite}>${paragraphs(block.translation)}</blockquote>` : ''
  const original = `<blockquote class="kopij-quote-original" lang="en"${cite}>${paragraphs(block.original)}</blockquote>`
  const work = block.source ? `<cite>${escapeHtml(block.source.title)}</cite>` : ''
  const caption = work || citation ? `<figcaption>${[work, citation].filter(Boolean).join(' ')}</figcaption>` : ''
  return `<figure class="kopij-quote kopij-quote-${layout}">${translation}${original}${caption}</figure>`
}

/** Renders every bilingual quote block from the quotes given (by id); its citation child through `render`. */
export function publishedQuoteOverride(blocks: readonly QuoteBlock[]) {
  const byId = new Map(blocks.map((b) => [b.id, b]))
  return (node: PMNode, render: (child: PMNode) => string): string | undefined => {
    if (node.type.name !== 'bilingualQuote') return undefined
    const block = byId.get(node.attrs.quote as string)
    let citation = ''
    node.forEach((child) => (citation += render(child)))
    return block ? bilingualQuoteHtml(block, readQuoteLayout(node.attrs.layout), citation) : ''
  }
}
