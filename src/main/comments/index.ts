// Reader comments: for now those stored on an article; the moderation issue adds sync, decisions and replies.
import type { Handlers } from '../../shared/api'
import type { Archive } from '../archive'

export function commentHandlers(archive: Archive): Pick<Handlers, 'comments.forArticle'> {
  return {
    'comments.forArticle': ({ articleId }) => {
      archive.articles.get(articleId)
      return archive.library.commentsOf(articleId)
    },
  }
}
