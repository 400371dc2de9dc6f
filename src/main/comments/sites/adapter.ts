// What a site does for comments, whatever its kind: read what changed, moderate with the status seen, reply, edit, delete.
import type { CommentStatus } from '../../../shared/comments'
import type { SendContext } from '../../publishing/sites/adapter'

/** A comment as the site sends it: untrusted until sanitized (`body` is HTML or plain text, as `format` says). */
export interface RemoteComment {
  remoteId: string
  remoteArticleId: string
  remoteParentId: string | null
  authorName: string
  authorEmail: string
  /** ISO instant. */
  postedAt: string
  modifiedAt: string | null
  status: CommentStatus
  body: string
  format: 'html' | 'text'
  /** Written by a user of the site (an editor), not a visitor. */
  byEditor: boolean
  url: string | null
}

export interface ReplyInput {
  /** Kopij's id of the reply (the export API keeps it as the reply's id on the site). */
  commentId: string
  articleRemoteId: string
  parentRemoteId: string | null
  authorName: string
  html: string
  text: string
  /** What the editor typed (inline tags, blank lines between paragraphs): WordPress's raw comment content. */
  raw: string
}

export interface TextInput {
  html: string
  text: string
  raw: string
}

/** A decision sent: done (the site has the status now), or the site had another status than the one the editor saw. */
export type Moderated = { kind: 'done'; comment: RemoteComment } | { kind: 'conflict'; theirs: RemoteComment | null }

/** A site's comments that changed since `mark`, page by page; `mark` of the last page is where the next sync starts. */
export interface ChangePage {
  comments: RemoteComment[]
  mark: string | null
}

export interface SyncContext {
  signal?: AbortSignal
  /** Remote ids Kopij holds as pending on this site: a site that reads by status must look at these itself. */
  watch: string[]
}

export interface CommentSite {
  changes(mark: string | null, context: SyncContext): AsyncGenerator<ChangePage>
  moderate(remoteId: string, status: CommentStatus, expected: CommentStatus, context: SendContext): Promise<Moderated>
  reply(input: ReplyInput, context: SendContext): Promise<RemoteComment>
  edit(remoteId: string, input: TextInput, context: SendContext): Promise<RemoteComment | null>
  /** Deletes for good; a comment already gone is what was asked for. */
  remove(remoteId: string, context: SendContext): Promise<void>
}
