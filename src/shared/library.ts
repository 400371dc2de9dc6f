// Sources and reader comments as the side panel sees them; the citations and comments issues grow these.
import { z } from 'zod'
import { ArticleId } from './articles'

/** A CSL-JSON item; only the fields Kopij reads are checked, the rest is kept as is. */
export const CslItem = z
  .object({
    id: z.string().min(1),
    type: z.string().min(1),
    title: z.string().optional(),
    'container-title': z.string().optional(),
    author: z.array(z.object({ family: z.string().optional(), given: z.string().optional(), literal: z.string().optional() }).passthrough()).optional(),
    issued: z.object({ 'date-parts': z.array(z.array(z.union([z.number(), z.string()]))) }).passthrough().optional(),
    DOI: z.string().optional(),
    PMID: z.string().optional(),
  })
  .passthrough()
export type CslItem = z.infer<typeof CslItem>

export const Source = z.object({ id: z.string(), csl: CslItem })
export type Source = z.infer<typeof Source>

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
