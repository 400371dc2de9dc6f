// Citing in the editor: the citation engine per open article, its Tiptap parts, the picker dialog.
export { CitationEngine, type PickerRequest } from './engine'
export { CitationEditing, citationKey, type CitationTexts } from './extension'
export { CitationPicker, looksLikeIdentifier, sourceLine } from './CitationPicker'
export { citationTexts } from './texts'
