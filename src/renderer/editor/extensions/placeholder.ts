// The empty-article hint: Tiptap's placeholder, shown only when the whole document is empty, text from i18n.
import { Placeholder } from '@tiptap/extensions'

export const EmptyArticlePlaceholder = (text: () => string) =>
  Placeholder.configure({
    // Only the cursor's block is checked: no walk over a long article per keystroke.
    showOnlyCurrent: true,
    includeChildren: false,
    placeholder: ({ editor }) => (editor.isEmpty ? text() : ''),
  })
