// The demo archive: a new user's first article is the seed page of the site, rebuilt as structured content.
import { z } from 'zod'
import { ArticleFields, ArticleId } from '../../shared/articles'
import { CslItem } from '../../shared/citations'
import { CommentRecord } from '../../shared/comments'
import seed from '../../../resources/demo/seed-article.json'
import { seedQuotes } from '../quotes/seed'
import type { Archive } from './index'

const DemoSeed = z.object({
  article: ArticleFields.extend({ id: ArticleId }),
  sources: z.array(CslItem),
  comments: z.array(CommentRecord.omit({ articleId: true }).extend({ authorEmail: z.string() })),
})

export const demoArticleId = seed.article.id

/** Fills an empty archive with the demo article, its source, its two pending reader comments, its quotes and a glossary, in one transaction. */
export function seedDemo(archive: Archive): void {
  const demo = DemoSeed.parse(seed)
  const { id, ...fields } = demo.article
  archive.transaction(() => {
    archive.articles.insert(fields, 'imported', id)
    for (const source of demo.sources) {
      archive.library.addSource(source)
      archive.library.linkSource(id, source.id)
    }
    for (const comment of demo.comments) archive.library.addComment({ ...comment, articleId: id })
    seedQuotes(archive, id, seed)
  })
}
