// Pasted HTML loses its style attributes before ProseMirror parses it: the schema would drop them anyway, and
// parsing them under Kopij's CSP (style-src 'self') logs a violation per element — thousands for a long web page.
import { Extension } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'

const tag = /<[a-zA-Z][^<>]*>/g
const styleAttribute = /\sstyle\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+)/gi

/** Removes style="…" from start tags only; text between tags is left exactly as it is. */
export const withoutStyleAttributes = (html: string): string =>
  html.replace(tag, (start) => (start.includes('style') || start.includes('STYLE') ? start.replace(styleAttribute, '') : start))

export const PasteWithoutStyles = Extension.create({
  name: 'pasteWithoutStyles',

  addProseMirrorPlugins() {
    return [new Plugin({ key: new PluginKey('pasteWithoutStyles'), props: { transformPastedHTML: withoutStyleAttributes } })]
  },
})
