// Sites, the outbox and publish batches as they cross the contract: schemas, calls and events.
import { z } from 'zod'
import { ArticleId } from './articles'
import { call, none } from './contract'

const Timestamp = z.string().describe('ISO 8601 instant in UTC')
const Uuid = z.string().regex(/^[0-9a-f-]{36}$/, 'an id is a UUID')

export const SiteId = Uuid
export const OutboxItemId = Uuid
export const BatchId = Uuid
export const ImportId = Uuid

/** WordPress (REST API v2, application password) or a site speaking Kopij's export API (bearer token). */
export const SiteKind = z.enum(['wordpress', 'kopij-api'])
export type SiteKind = z.infer<typeof SiteKind>

/** A problem the whole site has (refused credentials, not an API at that address): its queue waits until fixed. */
export const SiteProblem = z.object({ code: z.string(), message: z.string(), at: Timestamp })
export type SiteProblem = z.infer<typeof SiteProblem>

export const Site = z.object({
  id: SiteId,
  name: z.string(),
  kind: SiteKind,
  /** WordPress: the site's address (the REST API is found under it); Kopij API: the API root of its OpenAPI `servers`. */
  baseUrl: z.string(),
  /** WordPress user name; empty for a Kopij API site. */
  username: z.string(),
  /** Whether a secret is kept for the site (in the keychain or the credentials file); the secret never leaves main. */
  hasSecret: z.boolean(),
  /** Where the secret is kept, in words (e.g. "the system keychain", or a file path). */
  secretStore: z.string(),
  problem: SiteProblem.nullable(),
  lastTest: z.object({ ok: z.boolean(), at: Timestamp, message: z.string() }).nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
})
export type Site = z.infer<typeof Site>

const SiteName = z.string().trim().min(1).max(100)
const SiteUrl = z.string().trim().min(1).max(2000)

/** What an editor fills in. `secret` (application password or bearer token) goes in, never comes back out. */
export const SiteDraft = z
  .object({
    name: SiteName,
    kind: SiteKind,
    baseUrl: SiteUrl,
    username: z.string().trim().max(200).default(''),
    /** Omitted on an update: the kept secret stays. */
    secret: z.string().min(1).max(4000).optional(),
  })
  .strict()
export type SiteDraft = z.infer<typeof SiteDraft>

export const SiteTestResult = z.object({
  ok: z.boolean(),
  /** Machine-readable: ok, unauthorized, forbidden, not-an-api, redirected, unreachable, insecure-url, server-error, invalid-answer. */
  code: z.string(),
  /** A sentence for the editor (English; the UI may show its own text for `code`). */
  message: z.string(),
  /** Who the site says the credentials belong to, when it answered. */
  user: z.string().optional(),
})
export type SiteTestResult = z.infer<typeof SiteTestResult>

/** What the outbox sends: an article published/updated or unpublished; moderation and replies come with issue 6. */
export const OutboxKind = z.enum(['article.publish', 'article.unpublish', 'comment.moderate', 'comment.reply'])
export type OutboxKind = z.infer<typeof OutboxKind>

export const OutboxState = z.enum(['queued', 'sending', 'done', 'failed', 'conflict'])
export type OutboxState = z.infer<typeof OutboxState>

/** How the article is to stand on the site: published now, a draft there, or published at `publishAt`. */
export const RemoteStatus = z.enum(['publish', 'draft', 'future'])
export type RemoteStatus = z.infer<typeof RemoteStatus>

export const OutboxError = z.object({
  /**
   * Machine-readable: network, timeout, server-error, rate-limited, unauthorized, forbidden, not-an-api, redirected,
   * invalid-answer, rejected (the site refused the content), not-found, cancelled, site-problem, internal.
   */
  code: z.string(),
  message: z.string(),
  httpStatus: z.number().int().optional(),
  /** The site's own error code when it gave one (WordPress `code`, problem+json `type`). */
  remoteCode: z.string().optional(),
  /** Whether the worker will try again by itself. */
  willRetry: z.boolean(),
})
export type OutboxError = z.infer<typeof OutboxError>

export const OutboxItem = z.object({
  id: OutboxItemId,
  siteId: SiteId,
  batchId: BatchId.nullable(),
  kind: OutboxKind,
  articleId: ArticleId,
  commentId: z.string().nullable(),
  /** The article's title when the item was queued (what the list shows). */
  title: z.string(),
  /** The article revision the item sends (a snapshot taken when it was queued). */
  revisionId: z.number().int().nullable(),
  remoteStatus: RemoteStatus.nullable(),
  state: OutboxState,
  attempts: z.number().int().nonnegative(),
  /** When the worker tries next (queued items only). */
  nextAttemptAt: Timestamp.nullable(),
  error: OutboxError.nullable(),
  /** What the site answered when done. */
  remoteId: z.string().nullable(),
  remoteUrl: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  doneAt: Timestamp.nullable(),
})
export type OutboxItem = z.infer<typeof OutboxItem>

export const StateCounts = z.object({
  queued: z.number().int().nonnegative(),
  sending: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  conflict: z.number().int().nonnegative(),
})
export type StateCounts = z.infer<typeof StateCounts>

export const Batch = z.object({
  id: BatchId,
  siteId: SiteId,
  action: z.enum(['publish', 'unpublish']),
  createdAt: Timestamp,
  total: z.number().int().nonnegative(),
  counts: StateCounts,
  /** True when every item is done, failed or in conflict. */
  finished: z.boolean(),
})
export type Batch = z.infer<typeof Batch>

/** A pre-flight finding: `block` keeps the article out of the batch, `warning` lets it go. */
export const Finding = z.object({
  severity: z.enum(['block', 'warning']),
  /**
   * missing-title, missing-slug, empty-body, unsafe-content, unresolved-citation, untranslated-segment, not-ready,
   * no-excerpt, no-category, already-queued, conflict-pending, site-problem, publish-at-past, publish-at-missing.
   */
  code: z.string(),
  /** English sentence; the UI shows its own text for `code`, with `params`. */
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
})
export type Finding = z.infer<typeof Finding>

export const PreflightInput = z
  .object({
    siteId: SiteId,
    articleIds: z.array(ArticleId).min(1).max(5000),
    remoteStatus: RemoteStatus.default('publish'),
    publishAt: Timestamp.optional(),
  })
  .strict()

export const PreflightResult = z.object({
  items: z.array(
    z.object({
      articleId: ArticleId,
      title: z.string(),
      /** Published to this site before: the batch updates it. */
      update: z.boolean(),
      findings: z.array(Finding),
      blocked: z.boolean(),
    }),
  ),
  /** Findings about the site itself (e.g. refused credentials): they block every article. */
  siteFindings: z.array(Finding),
  publishable: z.number().int().nonnegative(),
  blocked: z.number().int().nonnegative(),
})
export type PreflightResult = z.infer<typeof PreflightResult>

export const Preview = z.object({
  articleId: ArticleId,
  title: z.string(),
  excerpt: z.string(),
  language: z.string(),
  /** The body exactly as it would be sent: rendered from the document model and sanitized. */
  html: z.string(),
  /** A whole page (doctype, lang, title, the body) for a sandboxed frame with no scripts. */
  page: z.string(),
  /** What sanitizing removed (should be empty: anything here blocks publishing as unsafe content). */
  removed: z.array(z.string()),
})
export type Preview = z.infer<typeof Preview>

/** Both sides of a conflict, for "keep mine", "take the site's" or a side-by-side look. */
export const ConflictVersion = z.object({
  title: z.string(),
  excerpt: z.string(),
  /** Sanitized HTML; the site's version is sanitized on the way in like any untrusted text. */
  html: z.string(),
  slug: z.string(),
  modifiedAt: Timestamp.nullable(),
  /** Site status as the site names it (publish, draft, future, private…; Kopij API: published, draft, scheduled, unpublished). */
  status: z.string().nullable(),
})
export type ConflictVersion = z.infer<typeof ConflictVersion>
export const Conflict = z.object({
  item: OutboxItem,
  mine: ConflictVersion,
  /** Null when the post is gone from the site (deleted there). */
  theirs: ConflictVersion.nullable(),
})
export type Conflict = z.infer<typeof Conflict>

export const ImportKind = z.enum(['wxr', 'wordpress'])
export const ImportState = z.enum(['running', 'paused', 'done', 'failed', 'cancelled'])
export const ImportProgress = z.object({
  id: ImportId,
  kind: ImportKind,
  /** The WXR file, or the site's name. */
  source: z.string(),
  siteId: SiteId.nullable(),
  state: ImportState,
  phase: z.string(),
  posts: z.number().int().nonnegative(),
  comments: z.number().int().nonnegative(),
  terms: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  /** Posts in the source, when known (WordPress says it up front; a WXR file only at its end). */
  totalPosts: z.number().int().nonnegative().nullable(),
  error: z.string().nullable(),
  startedAt: Timestamp,
  updatedAt: Timestamp,
})
export type ImportProgress = z.infer<typeof ImportProgress>

export const OutboxListInput = z
  .object({
    siteId: SiteId.optional(),
    batchId: BatchId.optional(),
    articleId: ArticleId.optional(),
    states: z.array(OutboxState).optional(),
    limit: z.number().int().min(1).max(1000).default(200),
    offset: z.number().int().min(0).default(0),
  })
  .strict()

export const publishingCalls = {
  /** Every configured site, without secrets. */
  'sites.list': call(none, z.array(Site)),
  /** Adds a site (no `id`) or changes one; a new secret replaces the kept one and clears the site's problem. */
  'sites.save': call(z.object({ id: SiteId.optional(), site: SiteDraft }).strict(), Site),
  /** Removes a site and its secret; refused (conflict) while it has queued or sending outbox items. */
  'sites.remove': call(z.object({ id: SiteId }).strict(), z.object({}).strict()),
  /** Really tests the address and credentials (WordPress: GET /wp/v2/users/me); a saved site (`id`) or a draft. */
  'sites.test': call(z.union([z.object({ id: SiteId }).strict(), z.object({ draft: SiteDraft }).strict()]), SiteTestResult),
  /** The article as it would be published: HTML from the document model, sanitized, plus a page for a frame. */
  'publishing.preview': call(z.object({ articleId: ArticleId }).strict(), Preview),
  /** Checks the chosen articles before a batch: blocks (missing title or slug, unsafe content…) and warnings. */
  'publishing.preflight': call(PreflightInput, PreflightResult),
  /** Queues a publish batch (pre-flight runs again; blocked articles are left out and listed). */
  'publish.start': call(
    PreflightInput,
    z.object({ batch: Batch.nullable(), items: z.array(OutboxItem), leftOut: PreflightResult.shape.items }),
  ),
  /** Queues the unpublishing of articles published to the site before. */
  'publish.unpublish': call(z.object({ siteId: SiteId, articleIds: z.array(ArticleId).min(1).max(5000) }).strict(), z.object({ batch: Batch, items: z.array(OutboxItem) })),
  /** Stops a batch: its queued items become failed ("cancelled"); items already sending finish. */
  'publish.cancel': call(z.object({ batchId: BatchId }).strict(), Batch),
  /** Sends failed items again now (all failed items of a batch, or the given items). */
  'publish.retry': call(
    z.union([z.object({ batchId: BatchId }).strict(), z.object({ itemIds: z.array(OutboxItemId).min(1).max(5000) }).strict()]),
    z.object({ requeued: z.number().int().nonnegative() }),
  ),
  /** One batch with its counts. */
  'publish.batch': call(z.object({ batchId: BatchId }).strict(), Batch),
  /** Recent batches, newest first. */
  'publish.batches': call(z.object({ siteId: SiteId.optional(), limit: z.number().int().min(1).max(200).default(20) }).strict(), z.array(Batch)),
  /** Outbox items, oldest first, filtered; with counts per state for the same filter. */
  'outbox.list': call(OutboxListInput, z.object({ items: z.array(OutboxItem), total: z.number().int().nonnegative(), counts: StateCounts })),
  /** Both versions of an item in conflict, fetched fresh from the site. */
  'conflicts.get': call(z.object({ itemId: OutboxItemId }).strict(), Conflict),
  /** keep-mine: send mine over the site's version; take-theirs: the site's version becomes a new revision of the article. */
  'conflicts.resolve': call(
    z.object({ itemId: OutboxItemId, choice: z.enum(['keep-mine', 'take-theirs']) }).strict(),
    z.object({ item: OutboxItem, articleRevisionId: z.number().int().positive().nullable() }),
  ),
  /** Starts importing a WXR file (path on this computer) or pulling a WordPress site over REST; runs in main. */
  'import.start': call(
    z.union([
      z.object({ kind: z.literal('wxr'), path: z.string().min(1).max(4000), siteId: SiteId.optional() }).strict(),
      z.object({ kind: z.literal('wordpress'), siteId: SiteId }).strict(),
    ]),
    ImportProgress,
  ),
  /** Stops an import between two chunks; what was imported stays, and `import.resume` goes on from there. */
  'import.cancel': call(z.object({ id: ImportId }).strict(), ImportProgress),
  /** Goes on with a cancelled, failed or interrupted import from its last committed chunk. */
  'import.resume': call(z.object({ id: ImportId }).strict(), ImportProgress),
  /** Recent imports, newest first. */
  'import.list': call(none, z.array(ImportProgress)),
} as const

export const publishingEvents = {
  /** Sites were added, changed, removed, tested or got a problem. */
  'sites.changed': z.object({ siteId: SiteId }),
  /** Outbox items changed state (coalesced: at most a few per second); re-read with `outbox.list`. */
  'outbox.changed': z.object({ siteId: SiteId, itemIds: z.array(OutboxItemId), counts: StateCounts }),
  /** A batch moved on: its counts now. */
  'publish.progress': Batch,
  /** An import moved on (after each committed chunk) or ended. */
  'import.progress': ImportProgress,
} as const
