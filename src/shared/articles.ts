// The article as it crosses the contract: its fields, statuses, list items, search hits and revisions.
import { z } from 'zod'

export const ArticleStatus = z.enum(['draft', 'ready', 'scheduled', 'published', 'archived'])
export type ArticleStatus = z.infer<typeof ArticleStatus>

export const ArticleLanguage = z.enum(['nl', 'en'])
export type ArticleLanguage = z.infer<typeof ArticleLanguage>

export const ArticleId = z.string().regex(/^[0-9a-f-]{36}$/, 'an article id is a UUID')

const Timestamp = z.string().describe('ISO 8601 instant in UTC')

/** A ProseMirror/Tiptap document as JSON. Its shape is checked against the schema in main, not here. */
export const DocumentJson = z
  .object({ type: z.literal('doc'), content: z.array(z.unknown()).optional() })
  .passthrough()
export type DocumentJson = z.infer<typeof DocumentJson>

const Slug = z
  .string()
  .max(200)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a slug is lowercase letters and digits joined by single hyphens')

/** The fields an editor changes; every save sends all of them. */
export const ArticleFields = z.object({
  title: z.string().max(500),
  slug: z.union([Slug, z.literal('')]),
  language: ArticleLanguage,
  status: ArticleStatus,
  categoryPath: z.array(z.string().min(1).max(200)).max(10),
  tags: z.array(z.string().min(1).max(100)).max(100),
  excerpt: z.string().max(5000),
  doc: DocumentJson,
})
export type ArticleFields = z.infer<typeof ArticleFields>

export const Article = ArticleFields.extend({
  id: ArticleId,
  wordCount: z.number().int().nonnegative(),
  revisionId: z.number().int().positive(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
})
export type Article = z.infer<typeof Article>

/** Text cut into plain and matched runs, so the renderer highlights without ever parsing HTML. */
export const HighlightedText = z.array(z.object({ text: z.string(), match: z.boolean() }))
export type HighlightedText = z.infer<typeof HighlightedText>

export const ArticleListItem = z.object({
  id: ArticleId,
  title: z.string(),
  slug: z.string(),
  status: ArticleStatus,
  language: ArticleLanguage,
  wordCount: z.number().int().nonnegative(),
  updatedAt: Timestamp,
  /** Present when the list was searched: the title and a passage with the matching words marked. */
  titleHighlight: HighlightedText.optional(),
  snippet: HighlightedText.optional(),
})
export type ArticleListItem = z.infer<typeof ArticleListItem>

export const StatusFilter = z.union([ArticleStatus, z.literal('all')])
export type StatusFilter = z.infer<typeof StatusFilter>

export const FindArticlesInput = z.object({
  /** Free text typed by the editor; never interpreted as FTS syntax. */
  query: z.string().max(1000).default(''),
  status: StatusFilter.default('all'),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
})

export const FindArticlesResult = z.object({
  items: z.array(ArticleListItem),
  /** Articles matching query and status; for a search, counted up to a cap (see totalIsLowerBound). */
  total: z.number().int().nonnegative(),
  /** True when a search matched more articles than were counted: show "more than {total}". */
  totalIsLowerBound: z.boolean(),
  /** Per status filter; a search leaves out the counts it did not compute exactly. */
  counts: z.partialRecord(StatusFilter, z.number().int().nonnegative()),
})
export type FindArticlesResult = z.infer<typeof FindArticlesResult>

export const CreateArticleInput = z.object({
  title: z.string().max(500).default(''),
  language: ArticleLanguage.default('nl'),
})

export const SaveArticleInput = ArticleFields.extend({
  id: ArticleId,
  /** The revision the editor's text is based on; a save on top of another revision is a conflict. */
  baseRevisionId: z.number().int().positive(),
})
export type SaveArticleInput = z.infer<typeof SaveArticleInput>

export const SaveWarning = z.enum(['slug-taken'])
export const SaveArticleResult = z.object({
  article: Article,
  /** Fields kept at their old value because the new one could not be taken; the text is always saved. */
  warnings: z.array(SaveWarning),
})
export type SaveArticleResult = z.infer<typeof SaveArticleResult>

export const RevisionReason = z.enum(['created', 'edited', 'restored', 'imported'])
export type RevisionReason = z.infer<typeof RevisionReason>

export const RevisionSummary = z.object({
  id: z.number().int().positive(),
  articleId: ArticleId,
  createdAt: Timestamp,
  title: z.string(),
  wordCount: z.number().int().nonnegative(),
  reason: RevisionReason,
  restoredFrom: z.number().int().positive().nullable(),
})
export type RevisionSummary = z.infer<typeof RevisionSummary>

export const Revision = RevisionSummary.extend({ fields: ArticleFields })
export type Revision = z.infer<typeof Revision>
