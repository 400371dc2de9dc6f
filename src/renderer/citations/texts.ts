// The words the editor's plain-DOM citation parts use, from the citations namespace (they have no React around them).
import type { TFunction } from 'i18next'
import type { CitationTexts } from './extension'

export const citationTexts = (t: TFunction): CitationTexts => ({
  citation: (label, sources) => t('citations:inText.label', { label, sources }),
  region: t('citations:bibliography.region'),
  missing: (id) => t('citations:bibliography.missing', { id }),
  pending: t('citations:bibliography.pending'),
  failed: t('citations:bibliography.failed'),
})
