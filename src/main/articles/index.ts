// Article and revision calls of the contract, answered from the archive; every save is announced as an event.
import type { Handlers } from '../../shared/api'
import { archiveError, type Archive } from '../archive'
import type { EventBus } from '../events'
import { saveOrKeep, type RecoveryFiles } from '../recovery'

type ArticleCalls = Pick<Handlers, 'articles.find' | 'articles.get' | 'articles.create' | 'articles.save' | 'revisions.list' | 'revisions.get' | 'revisions.restore'>

export function articleHandlers(archive: Archive, events: EventBus, recovery: RecoveryFiles): ArticleCalls {
  const announce = (article: { id: string; revisionId: number; updatedAt: string }) =>
    events.emit('article.saved', { articleId: article.id, revisionId: article.revisionId, savedAt: article.updatedAt })
  return {
    'articles.find': (input) => archive.articles.find(input),
    'articles.get': ({ id }) => archive.articles.get(id),
    'articles.create': (input) => {
      const article = archive.articles.create(input)
      announce(article)
      return article
    },
    'articles.save': (input) => {
      const result = saveOrKeep(recovery, input, () => archive.articles.save(input), (error) => archiveError(error, archive.file))
      if (result.article.revisionId !== input.baseRevisionId) {
        announce(result.article)
        archive.checkpointSoon()
      }
      return result
    },
    'revisions.list': ({ articleId }) => archive.articles.revisions(articleId),
    'revisions.get': ({ id }) => archive.articles.revision(id),
    'revisions.restore': ({ articleId, revisionId }) => {
      const article = archive.articles.restore(articleId, revisionId)
      announce(article)
      return article
    },
  }
}
