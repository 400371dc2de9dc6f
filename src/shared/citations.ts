// Sources (CSL-JSON records) and citations as they cross the contract: schemas, calls and events.
import { z } from 'zod'
import { ArticleId } from './articles'
import { call } from './contract'

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

export const citationCalls = {
  'sources.forArticle': call(z.object({ articleId: ArticleId }).strict(), z.array(Source)),
} as const

export const citationEvents = {} as const
