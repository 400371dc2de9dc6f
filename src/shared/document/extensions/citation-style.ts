// The article's citation style, kept on the document itself: undo, revisions and publishing all see the same style.
import { Extension } from '@tiptap/core'
import { z } from 'zod'

/** Vancouver is the default of medical writing: numbered by first appearance. APA is author-date. */
export const citationStyles = ['vancouver', 'apa'] as const
export const CitationStyle = z.enum(citationStyles)
export type CitationStyle = z.infer<typeof CitationStyle>
export const defaultCitationStyle: CitationStyle = 'vancouver'

export const readCitationStyle = (value: unknown): CitationStyle => {
  const parsed = CitationStyle.safeParse(value)
  return parsed.success ? parsed.data : defaultCitationStyle
}

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
