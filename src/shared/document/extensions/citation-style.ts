// The article's citation style, kept on the document itself: undo, revisions and publishing all see the same style.
import { Extension } from '@tiptap/core'
import { CitationStyle, defaultCitationStyle } from '../../citations'

export { CitationStyle, citationStyles, defaultCitationStyle, readCitationStyle } from '../../citations'

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    citationStyle: {
      setCitationStyle: (style: CitationStyle) => ReturnType
    }
  }
}

export const CitationStyleAttribute = Extension.create({
  name: 'citationStyle',

  addGlobalAttributes() {
    return [
      {
        types: ['doc'],
        attributes: {
          citationStyle: { default: defaultCitationStyle, parseHTML: () => defaultCitationStyle, renderHTML: () => ({}) },
        },
      },
    ]
  },

  addCommands() {
    return {
      setCitationStyle:
        (style) =>
        ({ tr, dispatch }) => {
          if (dispatch) tr.setDocAttribute('citationStyle', CitationStyle.parse(style))
          return true
        },
    }
  },
})
