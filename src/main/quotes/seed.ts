// The demo archive's quotes and starter glossary: the seed page's quotations with the page's own Dutch renderings.
import { z } from 'zod'
import { LocatorType } from '../../shared/citations'
import { GlossaryDraft, QuoteId, SegmentStatus } from '../../shared/quotes'
import type { Archive } from '../archive'
import { firstSegments } from './edits'
import { GlossaryStore } from './glossary/store'
import { QuoteStore } from './store'

const SeedQuote = z.object({
  id: QuoteId,
  sourceId: z.string().nullable(),
  locatorLabel: LocatorType,
  locator: z.string(),
  /** Either a passage to segment (with a translation to pair), or the segments as the page pairs them. */
  original: z.string().optional(),
  translation: z.string().default(''),
  segments: z.array(z.object({ original: z.string(), translation: z.string(), status: SegmentStatus, paragraphStart: z.boolean() })).optional(),
})

export const QuoteSeed = z.object({
  quotes: z.array(SeedQuote).default([]),
  glossary: z.array(GlossaryDraft).default([]),
})

/** Adds the seed's quotes (made for `articleId`) and glossary; runs inside the demo's transaction. */
export function seedQuotes(archive: Archive, articleId: string, seed: unknown): void {
  const { quotes, glossary } = QuoteSeed.parse(seed)
  const store = new QuoteStore(archive.db)
  for (const quote of quotes) {
    const segments = quote.segments ?? firstSegments(quote.original ?? '', quote.translation)
    store.insert({ id: quote.id, articleId, sourceId: quote.sourceId, locatorLabel: quote.locatorLabel, locator: quote.locator }, segments)
  }
  const terms = new GlossaryStore(archive.db)
  for (const entry of glossary) terms.save(entry)
}
