// The editor's extensions: the shared document model plus editor-only behaviour (keys, placeholder, paste).
import type { AnyExtension } from '@tiptap/core'
import { documentExtensions } from '../../../shared/document'
import type { CitationEngine } from '../../citations/engine'
import { CitationEditing, type CitationTexts } from '../../citations/extension'
import { EditorShortcuts, type EditorShortcutsOptions } from './editor-shortcuts'
import { PasteWithoutStyles } from './paste-without-styles'
import { EmptyArticlePlaceholder } from './placeholder'

export function editorExtensions(
  options: EditorShortcutsOptions & { placeholder: () => string; citations: CitationEngine; citationTexts: () => CitationTexts },
): AnyExtension[] {
  return [
    ...documentExtensions(),
    EditorShortcuts.configure({ openLinkDialog: options.openLinkDialog, toggleBlockLanguage: options.toggleBlockLanguage }),
    EmptyArticlePlaceholder(options.placeholder),
    PasteWithoutStyles,
    CitationEditing.configure({ engine: options.citations, texts: options.citationTexts }),
  ]
}
