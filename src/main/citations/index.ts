// Sources and citations: for now the sources an article draws on; the citations issue builds the library here.
import type { Handlers } from '../../shared/api'
import type { Archive } from '../archive'

export function citationHandlers(archive: Archive): Pick<Handlers, 'sources.forArticle'> {
  return {
    'sources.forArticle': ({ articleId }) => {
      archive.articles.get(articleId)
      return archive.library.sourcesOf(articleId)
    },
  }
}
