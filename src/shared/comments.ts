// Reader comments as they cross the contract: the queue, moderation decisions, replies, edits, sync; schemas, calls, events.
import { z } from 'zod'
import { ArticleId } from './articles'
import { call, none } from './contract'
import { OutboxError, OutboxItemId, OutboxState, SiteId } from './publishing'

export const CommentStatus = z.enum(['pending', 'approved', 'spam', 'trash'])
export type CommentStatus = z.infer<typeof CommentStatus>

/** A comment as the archive first stored it (the demo seed, imports): plain text, no HTML. */
export const CommentRecord = z.object({
  id: z.string(),
  articleId: ArticleId,
  parentId: z.string().nullable(),
  authorName: z.string(),
  status: CommentStatus,
  postedAt: z.string(),
  /** Plain text, paragraphs separated by blank lines; never HTML. */
  text: z.string(),
})
export type CommentRecord = z.infer<typeof CommentRecord>

/** Kopij's own id of a comment (a UUID for synced comments and replies; the demo's are readable). */
export const CommentId = z.string().min(1).max(200)

/** Why a comment may be waiting, as WordPress's moderation rules and an editor's eye would say. */
export const Hint = z.object({
  /** links: it has `count` links; first-time: nothing of this author was approved before; long: `count` characters, likely pasted; repeated: `count` other comments have the same text. */
  code: z.enum(['links', 'first-time', 'long', 'repeated']),
  count: z.number().int().nonnegative(),
})
export type Hint = z.infer<typeof Hint>

/** What the latest decision on a comment is doing on its way to the site (its outbox item). */
export const Delivery = z.object({
  itemId: OutboxItemId,
  siteId: SiteId,
  state: OutboxState,
  action: z.enum(['status', 'reply', 'edit', 'delete']),
  error: OutboxError.nullable(),
})
export type Delivery = z.infer<typeof Delivery>

/** One row of the queue: enough to list, filter and decide; the text only as a plain excerpt. */
export const CommentRow = z.object({
  id: CommentId,
  articleId: ArticleId,
  articleTitle: z.string(),
  parentId: CommentId.nullable(),
  /** Who the comment answers, for "in reply to". */
  parentAuthor: z.string().nullable(),
  authorName: z.string(),
  status: CommentStatus,
  /** The status on the site when Kopij last heard from it; null when the comment is only in Kopij. */
  siteStatus: CommentStatus.nullable(),
  postedAt: z.string(),
  /** Plain text, at most a few hundred characters. */
  excerpt: z.string(),
  /** Characters of the whole text. */
  length: z.number().int().nonnegative(),
  byEditor: z.boolean(),
  /** Whether an e-mail address is known (the address itself only through `comments.email`). */
  hasEmail: z.boolean(),
  /** Whether any site holds the comment (decisions are sent there); false: only in Kopij. */
  onSite: z.boolean(),
  edited: z.boolean(),
  delivery: Delivery.nullable(),
  hints: z.array(Hint),
})
export type CommentRow = z.infer<typeof CommentRow>

/** A comment with its text: `html` is sanitized (comment tags only, links marked nofollow ugc); `text` is plain. */
export const Comment = CommentRow.extend({
  html: z.string(),
  text: z.string(),
})
export type Comment = z.infer<typeof Comment>

export const CommentEdit = z.object({ at: z.string(), beforeHtml: z.string(), afterHtml: z.string(), note: z.string() })
export type CommentEdit = z.infer<typeof CommentEdit>

/** The site's side of a conflict: what the site has now (null: the comment is gone from the site). */
export const CommentVersion = z.object({
  status: CommentStatus,
  /** Sanitized like any text from outside. */
  html: z.string(),
  modifiedAt: z.string().nullable(),
})
export type CommentVersion = z.infer<typeof CommentVersion>

export const CommentDetail = z.object({
  comment: Comment,
  parent: Comment.nullable(),
  replies: z.array(Comment),
  edits: z.array(CommentEdit),
  /** Where the comment is on the web (only http(s) addresses). */
  sites: z.array(z.object({ siteId: SiteId, siteName: z.string(), url: z.string().nullable() })),
  /** Set while the latest decision is in conflict: the editor chose `mine`, the site has `theirs`. */
  conflict: z.object({ mine: z.object({ status: CommentStatus, html: z.string() }), theirs: CommentVersion.nullable() }).nullable(),
})
export type CommentDetail = z.infer<typeof CommentDetail>

export const StatusFilter = z.enum(['pending', 'approved', 'spam', 'trash', 'all'])
export type StatusFilter = z.infer<typeof StatusFilter>

export const CommentFilter = z
  .object({
    status: StatusFilter.default('pending'),
    articleId: ArticleId.optional(),
    /** Words in the author's name or the text (a search, never FTS syntax). */
    query: z.string().max(1000).default(''),
  })
  .strict()
export type CommentFilter = z.input<typeof CommentFilter>

export const StatusCounts = z.object({
  pending: z.number().int().nonnegative(),
  approved: z.number().int().nonnegative(),
  spam: z.number().int().nonnegative(),
  trash: z.number().int().nonnegative(),
  all: z.number().int().nonnegative(),
})
export type StatusCounts = z.infer<typeof StatusCounts>

export const SyncResult = z.object({
  siteId: SiteId,
  siteName: z.string(),
  ok: z.boolean(),
  /** New comments, comments whose text or status changed, comments under posts the archive does not have. */
  added: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  error: OutboxError.nullable(),
})
export type SyncResult = z.infer<typeof SyncResult>

const Ids = z.array(CommentId).min(1).max(10_000)
const ReplyText = z.string().trim().min(1).max(20_000)

export const commentCalls = {
  /** An article's comments in thread order, every status (the side panel). */
  'comments.forArticle': call(z.object({ articleId: ArticleId }).strict(), z.array(Comment)),
  /** A window of the queue, newest first, with the count of each status for the same article and search. */
  'comments.list': call(
    CommentFilter.extend({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    z.object({ items: z.array(CommentRow), total: z.number().int().nonnegative(), counts: StatusCounts }),
  ),
  /** The ids of every comment the filter matches, in queue order (select all); at most 10,000. */
  'comments.ids': call(CommentFilter, z.object({ ids: z.array(CommentId), total: z.number().int().nonnegative() })),
  /** One comment with its text, thread, edits, where it is on the web, and a conflict if there is one. */
  'comments.get': call(z.object({ id: CommentId }).strict(), CommentDetail),
  /** Approve, hold (pending), spam or trash: shown at once, stored, and queued for the site with the status seen. */
  'comments.moderate': call(
    z.object({ ids: Ids, status: CommentStatus }).strict(),
    z.object({ changed: z.number().int().nonnegative(), queued: z.number().int().nonnegative() }),
  ),
  /** The editor's reply under a comment; it approves the comment it answers, as WordPress does. */
  'comments.reply': call(z.object({ parentId: CommentId, text: ReplyText }).strict(), Comment),
  /** New text for a comment, with the editor's note of why (kept beside the first text). */
  'comments.edit': call(z.object({ id: CommentId, text: ReplyText, note: z.string().trim().min(1).max(500) }).strict(), Comment),
  /** Deletes comments for good (only from spam or trash, as in WordPress), here and on the site. */
  'comments.delete': call(z.object({ ids: Ids }).strict(), z.object({ deleted: z.number().int().nonnegative() })),
  /** The author's e-mail address, only when the editor asks for it. */
  'comments.email': call(z.object({ id: CommentId }).strict(), z.object({ email: z.string() })),
  /** Reads new and changed comments from one site or every site into the archive. */
  'comments.sync': call(z.object({ siteId: SiteId.optional() }).strict(), z.object({ sites: z.array(SyncResult) })),
  /** Settles a conflict: send mine again over the site's status, or take the site's (null: it is gone from the site, and now from Kopij). */
  'comments.resolve': call(z.object({ id: CommentId, choice: z.enum(['keep-mine', 'take-theirs']) }).strict(), Comment.nullable()),
  /** How many comments each status has (the status bar). */
  'comments.counts': call(none, StatusCounts),
} as const

export const commentEvents = {
  /** Comments changed (a decision, a sync, an answer from the site): lists re-read what they show. */
  'comments.changed': z.object({ articleIds: z.array(ArticleId).max(1000), counts: StatusCounts }),
} as const
