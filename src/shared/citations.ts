// Sources (CSL-JSON records) and citations as they cross the contract: schemas, calls and events.
import { z } from 'zod'
import { ArticleId, ArticleLanguage } from './articles'
import { call, none } from './contract'

// The citation node's attributes and the document's style live here, free of Tiptap: the preload bundles this file.
/** Where in a source a citation points: CSL locator labels an editor of medical texts uses. */
export const locatorTypes = ['page', 'figure', 'table', 'paragraph', 'supplement', 'chapter', 'section'] as const
export const LocatorType = z.enum(locatorTypes)
export type LocatorType = z.infer<typeof LocatorType>

/** A source id as the archive keeps it: letters, digits and a few separators, never markup. */
export const SourceId = z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N}_:.\-/]{0,199}$/u, 'a source id is letters, digits and _ : . - /')

export const CitationItem = z
  .object({
    source: SourceId,
    label: LocatorType.optional(),
    locator: z.string().max(40).optional(),
    prefix: z.string().max(200).optional(),
    suffix: z.string().max(200).optional(),
  })
  .strict()
export type CitationItem = z.infer<typeof CitationItem>

/** One citation cites 1 to 20 sources; an empty citation is no citation. */
export const CitationItems = z.array(CitationItem).min(1).max(20)

/** Items from untrusted JSON (pasted HTML, an old revision), or null when they are not a valid citation. */
export function readCitationItems(value: unknown): CitationItem[] | null {
  let raw = value
  if (typeof value === 'string') {
    try {
      raw = JSON.parse(value)
    } catch {
      return null
    }
  }
  const parsed = CitationItems.safeParse(raw)
  if (!parsed.success) return null
  // Empty strings are absent fields: the same citation has one JSON form however it was made.
  return parsed.data.map((item) => {
    const clean: CitationItem = { source: item.source }
    if (item.locator?.trim()) {
      clean.label = item.label ?? 'page'
      clean.locator = item.locator.trim()
    }
    if (item.prefix?.trim()) clean.prefix = item.prefix.trim()
    if (item.suffix?.trim()) clean.suffix = item.suffix.trim()
    return clean
  })
}

/** Vancouver is the default of medical writing: numbered by first appearance. APA is author-date. */
export const citationStyles = ['vancouver', 'apa'] as const
export const CitationStyle = z.enum(citationStyles)
export type CitationStyle = z.infer<typeof CitationStyle>
export const defaultCitationStyle: CitationStyle = 'vancouver'

export const readCitationStyle = (value: unknown): CitationStyle => {
  const parsed = CitationStyle.safeParse(value)
  return parsed.success ? parsed.data : defaultCitationStyle
}


const CslName = z
  .object({ family: z.string().max(500).optional(), given: z.string().max(500).optional(), literal: z.string().max(1000).optional() })
  .passthrough()
const CslDate = z.object({ 'date-parts': z.array(z.array(z.union([z.number(), z.string()]))).optional(), literal: z.string().optional(), raw: z.string().optional() }).passthrough()

/** A CSL-JSON item; only the fields Kopij reads are checked, the rest is kept as is. */
export const CslItem = z
  .object({
    id: z.string().min(1),
    type: z.string().min(1),
    title: z.string().optional(),
    'container-title': z.string().optional(),
    author: z.array(CslName).optional(),
    editor: z.array(CslName).optional(),
    issued: CslDate.optional(),
    DOI: z.string().optional(),
    PMID: z.string().optional(),
    PMCID: z.string().optional(),
    URL: z.string().optional(),
  })
  .passthrough()
export type CslItem = z.infer<typeof CslItem>

/** The fields of a source an editor fills in by hand; main builds the CSL item from them. */
export const cslTypes = ['article-journal', 'book', 'chapter', 'report', 'thesis', 'webpage', 'article-newspaper', 'article-magazine', 'paper-conference', 'dataset', 'document'] as const
export const CslType = z.enum(cslTypes)

/** Whether the online lookup filled (or is to fill) a source that was made from a bare DOI or PMID. */
export const LookupState = z.enum(['none', 'queued', 'done', 'failed', 'off'])
export type LookupState = z.infer<typeof LookupState>

export const SourceRecord = z.object({
  id: z.string(),
  csl: CslItem,
  /** Made from a bare identifier; its fields are the lookup's to fill. */
  provisional: z.boolean(),
  lookup: LookupState,
  lookupError: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type SourceRecord = z.infer<typeof SourceRecord>

/** Kept for the side panel: a source the article cites or has attached. */
export const Source = z.object({ id: z.string(), csl: CslItem })
export type Source = z.infer<typeof Source>

/** A line of a source list: what a picker or list shows, never the abstract. */
export const SourceSummary = z.object({
  id: z.string(),
  type: z.string(),
  title: z.string(),
  authors: z.string(),
  year: z.string(),
  journal: z.string(),
  doi: z.string(),
  pmid: z.string(),
  provisional: z.boolean(),
  /** Cited in the article the search was made for (its live text when given). */
  cited: z.boolean(),
  /** Cited recently anywhere. */
  recent: z.boolean(),
})
export type SourceSummary = z.infer<typeof SourceSummary>

export const SearchSourcesInput = z
  .object({
    query: z.string().max(500).default(''),
    /** Sources the open article cites now (its unsaved text included): listed first. */
    citedIds: z.array(SourceId).max(2000).default([]),
    limit: z.number().int().min(1).max(200).default(50),
    offset: z.number().int().min(0).default(0),
  })
  .strict()
export const SearchSourcesResult = z.object({ items: z.array(SourceSummary), total: z.number().int().nonnegative(), totalIsLowerBound: z.boolean() })
export type SearchSourcesResult = z.infer<typeof SearchSourcesResult>

/** A source as the editor's form sends it: a CSL item without an id of its own (main gives or keeps one). */
export const SaveSourceInput = z
  .object({
    id: SourceId.optional(),
    csl: CslItem.omit({ id: true }).extend({ id: z.string().optional(), type: CslType.or(z.string().min(1).max(60)) }),
    /** The record's updatedAt the form started from; a newer one means someone (the lookup) changed it meanwhile. */
    baseUpdatedAt: z.string().optional(),
  })
  .strict()
export type SaveSourceInput = z.infer<typeof SaveSourceInput>

export const WhereUsed = z.object({
  articles: z.array(z.object({ id: ArticleId, title: z.string(), citations: z.number().int().nonnegative(), attached: z.boolean() })),
  /** Quotes taken from the source, with the article each was made for (null: made on its own). */
  quotes: z.array(z.object({ id: z.string(), articleId: ArticleId.nullable(), text: z.string() })),
})
export type WhereUsed = z.infer<typeof WhereUsed>

export const DuplicateReason = z.enum(['doi', 'pmid', 'title'])
export const DuplicateGroup = z.object({ reason: DuplicateReason, key: z.string(), sources: z.array(SourceSummary) })
export type DuplicateGroup = z.infer<typeof DuplicateGroup>

export const importFormats = ['bibtex', 'ris', 'csl-json', 'nbib'] as const
export const ImportFormat = z.enum(importFormats)
export type ImportFormat = z.infer<typeof ImportFormat>

/** The largest file or paste an import takes (10,000 BibTeX records are about 8 MB). */
export const maxImportChars = 32 * 1024 * 1024

export const ImportProblem = z.object({
  /** 1-based number of the record in the file, and the line it starts on. */
  record: z.number().int().positive(),
  line: z.number().int().positive(),
  key: z.string(),
  message: z.string(),
})
export type ImportProblem = z.infer<typeof ImportProblem>

export const ImportReport = z.object({
  jobId: z.string(),
  format: ImportFormat.nullable(),
  records: z.number().int().nonnegative(),
  good: z.number().int().nonnegative(),
  /** The first problems (at most 200); `problemCount` counts them all. */
  problems: z.array(ImportProblem),
  problemCount: z.number().int().nonnegative(),
  /** Good records the library has already (same DOI, PMID, or title, year and first author). */
  duplicates: z.number().int().nonnegative(),
  cancelled: z.boolean(),
  preview: z.array(SourceSummary),
})
export type ImportReport = z.infer<typeof ImportReport>

export const JobId = z.string().regex(/^[0-9a-zA-Z-]{8,64}$/)

export const CitationSettings = z.object({
  /** Fill sources made from a DOI or PMID from Crossref and PubMed when the network is there. */
  onlineLookups: z.boolean(),
})
export type CitationSettings = z.infer<typeof CitationSettings>
export const defaultCitationSettings: CitationSettings = { onlineLookups: true }

/** One styled run of a formatted bibliography entry: text only, never markup. */
export const Run = z.object({
  text: z.string(),
  italic: z.boolean().optional(),
  bold: z.boolean().optional(),
  smallCaps: z.boolean().optional(),
  sup: z.boolean().optional(),
  sub: z.boolean().optional(),
  /** Only https links Kopij builds itself (doi.org, PubMed). */
  href: z.string().optional(),
})
export type Run = z.infer<typeof Run>

export const FormattedSource = z.object({
  /** The source this id resolves to (a merged duplicate resolves to the one kept). */
  canonical: z.string(),
  entry: z.array(Run),
  /** Author-date styles: the in-text form without brackets ("Berman et al., 2010"); empty for numeric styles. */
  label: z.string(),
  /** Author-date styles order the bibliography by this text. */
  sortKey: z.string(),
  doi: z.string().optional(),
  pmid: z.string().optional(),
  provisional: z.boolean(),
})
export type FormattedSource = z.infer<typeof FormattedSource>

export const CitationLocale = z.enum(['nl-NL', 'en-US'])
export type CitationLocale = z.infer<typeof CitationLocale>
export const citationLocale = (language: ArticleLanguage): CitationLocale => (language === 'en' ? 'en-US' : 'nl-NL')

export const LocatorTerm = z.object({ single: z.string(), multiple: z.string() })
export const Formatting = z.object({
  style: CitationStyle,
  locale: CitationLocale,
  kind: z.enum(['numeric', 'author-date']),
  /** The locale's short locator labels ("p.", "pp.", "fig."), from the CSL locale file. */
  terms: z.record(LocatorType, LocatorTerm),
  sources: z.record(z.string(), FormattedSource),
  /** Ids the library does not have (deleted, or pasted from another archive). */
  missing: z.array(z.string()),
})
export type Formatting = z.infer<typeof Formatting>

export const citationCalls = {
  'sources.forArticle': call(z.object({ articleId: ArticleId }).strict(), z.array(Source)),
  'sources.search': call(SearchSourcesInput, SearchSourcesResult),
  'sources.get': call(z.object({ id: SourceId }).strict(), SourceRecord),
  'sources.save': call(SaveSourceInput, SourceRecord),
  /** Refused (conflict, with where-used in details) while an article cites or attaches the source. */
  'sources.delete': call(z.object({ id: SourceId }).strict(), z.object({}).strict()),
  'sources.whereUsed': call(z.object({ id: SourceId }).strict(), WhereUsed),
  'sources.duplicates': call(none, z.array(DuplicateGroup)),
  /** The merged sources become aliases of the kept one: citations of them stay valid and resolve to it. */
  'sources.merge': call(z.object({ keep: SourceId, merge: z.array(SourceId).min(1).max(50) }).strict(), SourceRecord),
  /** A pasted DOI, PMID, doi.org or PubMed URL: the source at once (provisional), filled later by the lookup. */
  'sources.fromIdentifier': call(z.object({ text: z.string().max(2000) }).strict(), z.object({ source: SourceRecord, created: z.boolean() })),
  /** The picker inserted citations of these sources: they are listed among the recent ones. */
  'sources.markCited': call(z.object({ ids: z.array(SourceId).min(1).max(20) }).strict(), z.object({}).strict()),
  /** Reads and checks a file or paste; progress comes as sources.importProgress. Nothing is stored yet. */
  'sources.importCheck': call(
    z.object({ jobId: JobId, text: z.string().max(maxImportChars), fileName: z.string().max(500).default('') }).strict(),
    ImportReport,
  ),
  'sources.importCancel': call(z.object({ jobId: JobId }).strict(), z.object({}).strict()),
  /** Stores the good records of a checked import in one transaction. */
  'sources.importCommit': call(
    z.object({ jobId: JobId, skipDuplicates: z.boolean() }).strict(),
    z.object({ added: z.number().int(), skipped: z.number().int(), ids: z.array(z.string()) }),
  ),
  'citations.format': call(
    z.object({ style: CitationStyle, language: ArticleLanguage, ids: z.array(SourceId).max(5000) }).strict(),
    Formatting,
  ),
  'citations.settings': call(none, CitationSettings),
  'citations.updateSettings': call(CitationSettings.partial().strict(), CitationSettings),
  /** The network is back (the renderer saw it): run the lookups that wait for it now. */
  'citations.retryLookups': call(none, z.object({}).strict()),
} as const

export const citationEvents = {
  'sources.changed': z.object({ ids: z.array(z.string()) }),
  'sources.importProgress': z.object({ jobId: z.string(), done: z.number().int(), total: z.number().int() }),
  'citations.settingsChanged': CitationSettings,
} as const
