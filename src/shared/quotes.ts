// Quotes, their segments, the translation memory, the glossary and QA findings as they cross the contract.
import { z } from 'zod'
import { ArticleId } from './articles'
import { LocatorType, SourceId } from './citations'
import { call, none } from './contract'

const Uuid = z.string().regex(/^[0-9a-f-]{36}$/, 'an id is a UUID')
const Timestamp = z.string().describe('ISO 8601 instant in UTC')

export const QuoteId = Uuid
export const SegmentId = Uuid
export const GlossaryId = Uuid

/** A quoted passage may be long (a 5,000-word quote is about 35,000 characters); a whole book is not a quote. */
export const maxOriginalChars = 200_000
export const maxSegmentChars = 20_000
/** TMX, TBX and CSV files Kopij reads; larger ones are refused before they are parsed. */
export const maxExchangeBytes = 50 * 1024 * 1024

/** new: not translated; draft: typed, not confirmed; translated: confirmed (in the TM); reviewed: checked by a second reader. */
export const segmentStatuses = ['new', 'draft', 'translated', 'reviewed'] as const
export const SegmentStatus = z.enum(segmentStatuses)
export type SegmentStatus = z.infer<typeof SegmentStatus>
export const isConfirmed = (status: SegmentStatus): boolean => status === 'translated' || status === 'reviewed'

/** How a bilingual quote block shows the original: in a column beside the translation, or under it. */
export const QuoteLayout = z.enum(['beside', 'under'])
export type QuoteLayout = z.infer<typeof QuoteLayout>

/** A glossary term found in a segment's original: characters [from, to) of the original. */
export const GlossaryHit = z.object({
  from: z.number().int().nonnegative(),
  to: z.number().int().nonnegative(),
  entryId: GlossaryId,
  term: z.string(),
  preferred: z.array(z.string()),
  forbidden: z.array(z.string()),
  note: z.string(),
})
export type GlossaryHit = z.infer<typeof GlossaryHit>

export const Segment = z.object({
  id: SegmentId,
  /** The segment begins a new paragraph (or list item) of the passage. */
  paragraphStart: z.boolean(),
  original: z.string(),
  translation: z.string(),
  status: SegmentStatus,
  /** The original changed after the translation was written for it (never re-aligned silently). */
  stale: z.boolean(),
  originalHash: z.string(),
  /** Hash of the original the translation was written or confirmed for; null while there is no translation. */
  translatedHash: z.string().nullable(),
  updatedAt: Timestamp,
  hits: z.array(GlossaryHit),
})
export type Segment = z.infer<typeof Segment>

export const findingKinds = [
  'untranslated', 'empty-segment', 'sentence-count', 'segment-count', 'numbers', 'negation', 'glossary-forbidden',
  'glossary-missing', 'same-as-original', 'stale', 'no-source', 'no-locator', 'quote-missing',
] as const
export const FindingKind = z.enum(findingKinds)
export type FindingKind = z.infer<typeof FindingKind>
export const Severity = z.enum(['error', 'warning'])
export type Severity = z.infer<typeof Severity>

/** What a finding names; the UI words it in its own language. */
export const FindingDetails = z
  .object({
    term: z.string(),
    variant: z.string(),
    preferred: z.array(z.string()),
    /** Numbers (with their units) on one side only, as written there. */
    missing: z.array(z.string()),
    extra: z.array(z.string()),
    /** Negation words, and the side that has them. */
    words: z.array(z.string()),
    side: z.enum(['original', 'translation']),
    original: z.number().int(),
    translation: z.number().int(),
    note: z.string(),
  })
  .partial()
export type FindingDetails = z.infer<typeof FindingDetails>

export const Finding = z.object({
  /** Stable while the finding stands: kind, segment and what it names. */
  id: z.string(),
  quoteId: z.string(),
  segmentId: SegmentId.nullable(),
  /** 1-based number of the segment in its quote; null for the quote as a whole. */
  segment: z.number().int().positive().nullable(),
  kind: FindingKind,
  severity: Severity,
  details: FindingDetails,
})
export type Finding = z.infer<typeof Finding>

/** The source a quote comes from, as the panes and the block show it. */
export const QuoteSource = z.object({
  id: z.string(),
  title: z.string(),
  /** "Berman et al. 2010". */
  label: z.string(),
  /** Where the quoted work is on the web (doi.org, PubMed, its URL); empty when unknown. */
  url: z.string(),
})
export type QuoteSource = z.infer<typeof QuoteSource>

const QuoteFields = {
  id: QuoteId,
  /** The article the quote was made for; quotes are reusable, so others may use it too. */
  articleId: ArticleId.nullable(),
  sourceId: z.string().nullable(),
  source: QuoteSource.nullable(),
  locatorLabel: LocatorType,
  locator: z.string(),
  version: z.number().int().positive(),
  originalHash: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
}

export const SegmentCounts = z.object({
  new: z.number().int(),
  draft: z.number().int(),
  translated: z.number().int(),
  reviewed: z.number().int(),
  stale: z.number().int(),
})
export type SegmentCounts = z.infer<typeof SegmentCounts>

export const FindingCounts = z.object({ errors: z.number().int(), warnings: z.number().int() })
export type FindingCounts = z.infer<typeof FindingCounts>

export const Quote = z.object({
  ...QuoteFields,
  segments: z.array(Segment),
  findings: z.array(Finding),
  /** Articles whose text holds a block of this quote. */
  usedIn: z.array(z.object({ id: ArticleId, title: z.string() })),
})
export type Quote = z.infer<typeof Quote>

export const QuoteSummary = z.object({
  ...QuoteFields,
  /** The start of the original and of the translation, for lists. */
  excerpt: z.string(),
  translationExcerpt: z.string(),
  segments: z.number().int(),
  counts: SegmentCounts,
  findings: FindingCounts,
  usedIn: z.number().int(),
})
export type QuoteSummary = z.infer<typeof QuoteSummary>

/** What a bilingual quote block in an article shows: both sides by paragraph, and where they come from. */
export const QuoteBlock = z.object({
  id: z.string(),
  exists: z.boolean(),
  original: z.array(z.string()),
  translation: z.array(z.string()),
  source: QuoteSource.nullable(),
  sourceId: z.string().nullable(),
  locatorLabel: LocatorType,
  locator: z.string(),
  /** Segments without a translation: their sentences are missing from the translation shown. */
  untranslated: z.number().int(),
  findings: FindingCounts,
})
export type QuoteBlock = z.infer<typeof QuoteBlock>

const Original = z.string().max(maxOriginalChars)
const Locator = { locatorLabel: LocatorType.optional(), locator: z.string().trim().max(40).optional() }

export const CreateQuoteInput = z
  .object({
    articleId: ArticleId.nullable().default(null),
    sourceId: SourceId.nullable().default(null),
    ...Locator,
    original: Original.refine((text) => text.trim().length > 0, 'a quote needs its original text'),
    /** A translation made before (pasted): its sentences are paired with the original's and checked. */
    translation: Original.default(''),
  })
  .strict()
export type CreateQuoteInput = z.infer<typeof CreateQuoteInput>

/** Result of an edit of one segment: the segment as stored and the quote's findings after it. */
export const SegmentEdit = z.object({ version: z.number().int().positive(), segment: Segment, findings: z.array(Finding) })
export type SegmentEdit = z.infer<typeof SegmentEdit>

/** A segment as the panes keep it to undo a split or merge: restored exactly as it was. */
export const SegmentSnapshot = z
  .object({
    id: SegmentId,
    paragraphStart: z.boolean(),
    original: z.string().max(maxSegmentChars),
    translation: z.string().max(maxSegmentChars),
    status: SegmentStatus,
    translatedHash: z.string().max(128).nullable(),
  })
  .strict()
export type SegmentSnapshot = z.infer<typeof SegmentSnapshot>

export const DiffRun = z.object({ text: z.string(), op: z.enum(['equal', 'delete', 'insert']) })
export type DiffRun = z.infer<typeof DiffRun>

export const TmOrigin = z.enum(['quote', 'import'])
export const TmUnit = z.object({
  id: z.number().int().positive(),
  source: z.string(),
  target: z.string(),
  origin: TmOrigin,
  quoteId: z.string().nullable(),
  updatedAt: Timestamp,
})
export type TmUnit = z.infer<typeof TmUnit>

export const TmMatch = TmUnit.extend({
  /** 100: the same sentence; 99: the same but for case, spaces or punctuation; below: fuzzy. */
  score: z.number().int().min(0).max(100),
  /** The TM's sentence against the segment's: `delete` only in the TM's, `insert` only in the segment's. */
  diff: z.array(DiffRun),
})
export type TmMatch = z.infer<typeof TmMatch>

export const GlossaryTerms = z.array(z.string().trim().min(1).max(200)).max(20)
export const GlossaryDraft = z
  .object({
    term: z.string().trim().min(1).max(200),
    preferred: GlossaryTerms.min(1),
    forbidden: GlossaryTerms.default([]),
    note: z.string().trim().max(2000).default(''),
  })
  .strict()
export type GlossaryDraft = z.infer<typeof GlossaryDraft>
export const GlossaryEntry = z.object({
  id: GlossaryId,
  term: z.string(),
  preferred: z.array(z.string()),
  forbidden: z.array(z.string()),
  note: z.string(),
  updatedAt: Timestamp,
})
export type GlossaryEntry = z.infer<typeof GlossaryEntry>

export const ExchangeFormat = z.enum(['tmx', 'tbx', 'csv'])
export type ExchangeFormat = z.infer<typeof ExchangeFormat>
export const ExchangeTarget = z.enum(['tm', 'glossary'])
export type ExchangeTarget = z.infer<typeof ExchangeTarget>
export const ExchangeJobId = z.string().regex(/^[0-9a-zA-Z-]{8,64}$/)

export const ExchangeProblem = z.object({ record: z.number().int().nonnegative(), line: z.number().int().nonnegative(), message: z.string() })
export type ExchangeProblem = z.infer<typeof ExchangeProblem>

export const ExchangeReport = z.object({
  jobId: z.string(),
  format: ExchangeFormat.nullable(),
  target: ExchangeTarget,
  records: z.number().int().nonnegative(),
  good: z.number().int().nonnegative(),
  /** The first problems (at most 200); problemCount counts them all. A file Kopij refuses has one problem and no records. */
  problems: z.array(ExchangeProblem),
  problemCount: z.number().int().nonnegative(),
  /** Good records the archive has already (the same sentence pair; the same English term). */
  duplicates: z.number().int().nonnegative(),
  cancelled: z.boolean(),
  preview: z.array(z.object({ source: z.string(), target: z.string() })),
})
export type ExchangeReport = z.infer<typeof ExchangeReport>

export const Exported = z.object({ text: z.string(), fileName: z.string(), count: z.number().int().nonnegative() })

const Paging = { limit: z.number().int().min(1).max(500).default(50), offset: z.number().int().min(0).default(0) }
const Versioned = { quoteId: QuoteId, baseVersion: z.number().int().positive() }
const empty = z.object({}).strict()

export const quoteCalls = {
  /** The quotes the article was made with, and those its text uses now (its unsaved text included: `usedIds`). */
  'quotes.forArticle': call(z.object({ articleId: ArticleId, usedIds: z.array(QuoteId).max(2000).default([]) }).strict(), z.array(QuoteSummary)),
  /** Every quote of the archive, by words of its original or translation; newest first without words. */
  'quotes.search': call(z.object({ query: z.string().max(500).default(''), ...Paging }).strict(), z.object({ items: z.array(QuoteSummary), total: z.number().int() })),
  'quotes.get': call(z.object({ id: QuoteId }).strict(), Quote),
  /** What the article's quote blocks show; ids the archive lacks come back with `exists: false`. */
  'quotes.blocks': call(z.object({ ids: z.array(QuoteId).max(2000) }).strict(), z.array(QuoteBlock)),
  'quotes.create': call(CreateQuoteInput, Quote),
  'quotes.update': call(z.object({ ...Versioned, articleId: ArticleId.nullable().optional(), sourceId: SourceId.nullable().optional(), ...Locator }).strict(), Quote),
  /** A new original for the whole quote: unchanged sentences keep their translation; changed ones are marked stale. */
  'quotes.setOriginal': call(z.object({ ...Versioned, original: Original.refine((t) => t.trim().length > 0, 'a quote needs its original text') }).strict(), Quote),
  /** Refused (conflict) while an article's text holds a block of the quote. */
  'quotes.delete': call(z.object({ id: QuoteId }).strict(), empty),
  /** Every finding of the article's quotes (its unsaved text's blocks included), and blocks of quotes the archive lacks. */
  'quotes.qa': call(
    z.object({ articleId: ArticleId, usedIds: z.array(QuoteId).max(2000).default([]) }).strict(),
    z.object({ quotes: z.array(z.object({ quote: QuoteSummary, findings: z.array(Finding) })), missing: z.array(Finding) }),
  ),
  /** The translation typed so far (new becomes draft); a confirmed segment stays confirmed until it is confirmed again. */
  'segments.translate': call(z.object({ quoteId: QuoteId, segmentId: SegmentId, translation: z.string().max(maxSegmentChars) }).strict(), SegmentEdit),
  /** Confirming (translated, reviewed) stores the pair in the translation memory and clears a stale mark. */
  'segments.setStatus': call(z.object({ quoteId: QuoteId, segmentId: SegmentId, status: SegmentStatus, translation: z.string().max(maxSegmentChars).optional() }).strict(), SegmentEdit),
  /** A corrected original for one segment; a translation written for the old one is marked stale, never moved. */
  'segments.setOriginal': call(z.object({ ...Versioned, segmentId: SegmentId, original: z.string().max(maxSegmentChars) }).strict(), Quote),
  /** Splits a segment's original at `at` (and its translation at `translationAt`, else it stays with the first part). */
  'segments.split': call(z.object({ ...Versioned, segmentId: SegmentId, at: z.number().int().positive(), translationAt: z.number().int().nonnegative().optional() }).strict(), Quote),
  /** Joins a segment with the next one. */
  'segments.merge': call(z.object({ ...Versioned, segmentId: SegmentId }).strict(), Quote),
  /** Undo of a split, merge or original edit: the segments `replace` become `segments` again, as they were. */
  'segments.restore': call(z.object({ ...Versioned, replace: z.array(SegmentId).min(1).max(2000), segments: z.array(SegmentSnapshot).min(1).max(2000) }).strict(), Quote),
  /** Exact and fuzzy matches for a sentence, from every confirmed pair of the archive and imported memories. */
  'tm.lookup': call(z.object({ text: z.string().max(maxSegmentChars), limit: z.number().int().min(1).max(20).default(5), minScore: z.number().int().min(30).max(100).default(50) }).strict(), z.object({ matches: z.array(TmMatch) })),
  /** The memory's pairs containing these words (concordance), newest first without words. */
  'tm.search': call(z.object({ query: z.string().max(500).default(''), ...Paging }).strict(), z.object({ items: z.array(TmUnit), total: z.number().int() })),
  'tm.delete': call(z.object({ id: z.number().int().positive() }).strict(), empty),
  'tm.export': call(none, Exported),
  'glossary.list': call(z.object({ query: z.string().max(500).default(''), ...Paging }).strict(), z.object({ items: z.array(GlossaryEntry), total: z.number().int() })),
  /** Adds an entry (no id) or changes one; one entry per English term (conflict otherwise). */
  'glossary.save': call(z.object({ id: GlossaryId.optional(), entry: GlossaryDraft }).strict(), GlossaryEntry),
  'glossary.delete': call(z.object({ id: GlossaryId }).strict(), empty),
  'glossary.export': call(z.object({ format: z.enum(['csv', 'tbx']) }).strict(), Exported),
  /** Reads and checks a TMX (into the memory) or a TBX or CSV file (into the glossary); progress as quotes.importProgress. */
  'quotes.importCheck': call(z.object({ jobId: ExchangeJobId, target: ExchangeTarget, text: z.string().max(maxExchangeBytes), fileName: z.string().max(500).default('') }).strict(), ExchangeReport),
  'quotes.importCancel': call(z.object({ jobId: ExchangeJobId }).strict(), empty),
  /** Stores a checked import in one transaction; glossary entries for a known term are updated, TM pairs already there skipped. */
  'quotes.importCommit': call(z.object({ jobId: ExchangeJobId }).strict(), z.object({ added: z.number().int(), updated: z.number().int(), skipped: z.number().int() })),
} as const

export const quoteEvents = {
  /** Quotes changed (text, status, source, locator) or were deleted: blocks and lists showing them read them again. */
  'quotes.changed': z.object({ ids: z.array(z.string()) }),
  'glossary.changed': z.object({}),
  'tm.changed': z.object({ units: z.number().int().nonnegative() }),
  /** Bytes of a TMX, TBX or CSV file read so far. */
  'quotes.importProgress': z.object({ jobId: z.string(), done: z.number().int(), total: z.number().int() }),
} as const

export type QuoteCalls = keyof typeof quoteCalls
