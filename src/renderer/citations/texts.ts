// The words the editor's plain-DOM citation parts use, from the citations namespace (they have no React around them).
import type { TFunction } from 'i18next'
import type { CitationTexts } from './extension'

let cached: { language: string; texts: CitationTexts } | null = null

/** Looked up once per interface language: the editor asks on every transaction. */
export function citationTexts(t: TFunction, language: string): CitationTexts {
  if (cached?.language === language) return cached.texts
  const texts: CitationTexts = {
    role: t('citations:inText.role'),
    region: t('citations:bibliography.region'),
    missing: (id) => t('citations:bibliography.missing', { id }),
    pending: t('citations:bibliography.pending'),
    failed: t('citations:bibliography.failed'),
  }
  cached = { language, texts }
  return texts
}
