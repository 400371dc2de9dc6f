// Editor-only keys that open workspace UI: Mod-K for the link dialog, Mod-Shift-L to mark a block's language.
import { Extension } from '@tiptap/core'

export interface EditorShortcutsOptions {
  openLinkDialog: () => void
  toggleBlockLanguage: () => void
}

export const EditorShortcuts = Extension.create<EditorShortcutsOptions>({
  name: 'editorShortcuts',

  addOptions() {
    return { openLinkDialog: () => {}, toggleBlockLanguage: () => {} }
  },

  addKeyboardShortcuts() {
    return {
      'Mod-k': () => {
        this.options.openLinkDialog()
        return true
      },
      'Mod-Shift-l': () => {
        this.options.toggleBlockLanguage()
        return true
      },
    }
  },
})
