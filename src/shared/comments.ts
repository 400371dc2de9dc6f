// Reader comments as they cross the contract: schemas, calls and events.
import { z } from 'zod'
import { ArticleId } from './articles'
import { call } from './contract'

export const CommentStatus = z.enum(['pending', 'approved', 'spam', 'trash'])
export type CommentStatus = z.infer<typeof CommentStatus>

export const Comment = z.object({
  id: z.string(),
  articleId: ArticleId,
  parentId: z.string().nullable(),
  authorName: z.string(),
  status: CommentStatus,
  postedAt: z.string(),
  /** Plain text, paragraphs separated by blank lines; never HTML. */
  text: z.string(),
})
export type Comment = z.infer<typeof Comment>

export const commentCalls = {
  'comments.forArticle': call(z.object({ articleId: ArticleId }).strict(), z.array(Comment)),
} as const

export const commentEvents = {} as const
