// The citation: an inline atom that stores which sources a passage cites and where in them; never its own number.
import { Node } from '@tiptap/core'
import { readCitationItems, type CitationItem } from '../../citations'

export { CitationItem, CitationItems, LocatorType, SourceId, locatorTypes, readCitationItems } from '../../citations'

/** Text of a citation where no style is at hand (plain-text copy, search index): the cited source ids. */
export const citationFallbackText = (items: readonly CitationItem[]): string => `[${items.map((i) => i.source).join('; ')}]`

export const Citation = Node.create({
  name: 'citation',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  draggable: true,

  addAttributes() {
    return {
      items: {
        default: [],
        // Only the allow-listed item fields survive a paste; anything else in the attribute is dropped.
        parseHTML: (element) => readCitationItems(element.getAttribute('data-citation')) ?? [],
        renderHTML: (attributes) => ({ 'data-citation': JSON.stringify(attributes.items) }),
      },
    }
  },

  parseHTML() {
    return [
      {
        tag: 'span[data-citation]',
        priority: 60,
        getAttrs: (element) => (readCitationItems((element as { getAttribute(name: string): string | null }).getAttribute('data-citation')) ? null : false),
      },
    ]
  },

  renderHTML({ node, HTMLAttributes }) {
    return ['span', { class: 'citation', ...HTMLAttributes }, citationFallbackText(node.attrs.items as CitationItem[])]
  },

  renderText({ node }) {
    return citationFallbackText(node.attrs.items as CitationItem[])
  },
})
