// The editor's extensions: the shared document model plus editor-only behaviour (keys, placeholder, paste).
import type { AnyExtension } from '@tiptap/core'
import { documentExtensions } from '../../../shared/document'
import { EditorShortcuts, type EditorShortcutsOptions } from './editor-shortcuts'
import { PasteWithoutStyles } from './paste-without-styles'
import { EmptyArticlePlaceholder } from './placeholder'

export function editorExtensions(options: EditorShortcutsOptions & { placeholder: () => string }): AnyExtension[] {
  return [
    ...documentExtensions(),
    EditorShortcuts.configure({ openLinkDialog: options.openLinkDialog, toggleBlockLanguage: options.toggleBlockLanguage }),
    EmptyArticlePlaceholder(options.placeholder),
    PasteWithoutStyles,
  ]
}
