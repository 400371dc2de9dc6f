// A `lang` attribute on blocks, so English quotations in a Dutch article are marked for screen readers and the site.
import { Extension } from '@tiptap/core'

/** Languages Kopij writes or quotes; anything else in pasted HTML is dropped rather than trusted. */
export const blockLanguages = ['nl', 'en'] as const
export type BlockLanguage = (typeof blockLanguages)[number]

const languageTypes = ['paragraph', 'heading', 'blockquote', 'bulletList', 'orderedList', 'listItem']

export const isBlockLanguage = (value: unknown): value is BlockLanguage =>
  typeof value === 'string' && (blockLanguages as readonly string[]).includes(value)

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    language: {
      /** Marks the selected blocks (or the blockquote around them) as written in `lang`; null clears it. */
      setBlockLanguage: (lang: BlockLanguage | null) => ReturnType
    }
  }
}

export const Language = Extension.create({
  name: 'language',

  addGlobalAttributes() {
    return [
      {
        types: languageTypes,
        attributes: {
          lang: {
            default: null,
            parseHTML: (element) => {
              const lang = element.getAttribute('lang')?.toLowerCase().split('-')[0]
              return isBlockLanguage(lang) ? lang : null
            },
            renderHTML: (attributes) => (isBlockLanguage(attributes.lang) ? { lang: attributes.lang } : {}),
          },
        },
      },
    ]
  },

  addCommands() {
    return {
      setBlockLanguage:
        (lang) =>
        ({ state, tr, dispatch }) => {
          const { from, to } = state.selection
          // Prefer the outermost blockquote around the selection: a quotation has one language as a whole.
          const $from = state.selection.$from
          for (let depth = 1; depth <= $from.depth; depth++) {
            const node = $from.node(depth)
            if (node.type.name === 'blockquote') {
              if (dispatch) tr.setNodeAttribute($from.before(depth), 'lang', lang)
              return true
            }
          }
          let changed = false
          state.doc.nodesBetween(from, to, (node, pos) => {
            if (!node.isTextblock || !languageTypes.includes(node.type.name)) return true
            if (dispatch) tr.setNodeAttribute(pos, 'lang', lang)
            changed = true
            return false
          })
          return changed
        },
    }
  },
})
