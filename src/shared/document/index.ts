// The document model of an article: schema, validation, plain text and HTML, pure and runnable anywhere.
export { documentExtensions, documentSchema, isAllowedHref, linkProtocols } from './schema'
export { parseDocument, emptyDocument } from './validate'
export { documentText, countWords } from './text'
export { documentToHtml, escapeHtml, type NodeOverride } from './html'
export { Language, blockLanguages, isBlockLanguage, type BlockLanguage } from './extensions/language'
