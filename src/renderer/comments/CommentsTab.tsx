// Reader comments on an article, as plain text; the comments issue adds moderation and replies.
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Comment } from '../../shared/comments'
import { useFormat } from '../app/format'
import { useNotices } from '../app/notices'
import { useCall } from '../app/useCall'

/** Longer than this, a comment starts collapsed. */
export const collapseAfterChars = 360

export function CommentsTab({ articleId }: { articleId: string }) {
  const { t } = useTranslation()
  const { report } = useNotices()
  const comments = useCall('comments.forArticle', { articleId }, articleId, (e) => report(e, 'notices.commentsFailed'))

  if (comments.loading && !comments.data) return <p className="panel-note">{t('common.loading')}</p>
  if (!comments.data) return <p className="panel-note">{t('panel.unavailable')}</p>
  if (comments.data.length === 0) return <p className="panel-empty">{t('comments.empty')}</p>
  return (
    <ol className="comment-list">
      {comments.data.map((comment) => (
        <CommentItem key={comment.id} comment={comment} />
      ))}
    </ol>
  )
}

export function CommentItem({ comment }: { comment: Comment }) {
  const { t } = useTranslation()
  const format = useFormat()
  const [expanded, setExpanded] = useState(false)
  const bodyId = useId()
  const long = comment.text.length > collapseAfterChars
  // Plain text in, plain text out: paragraphs split on blank lines and rendered as React text, never as HTML.
  const paragraphs = comment.text.split(/\n\s*\n/).filter((p) => p.trim())
  return (
    <li className="comment">
      <div className="comment-head">
        <span className="comment-author">{comment.authorName || t('comments.anonymous')}</span>
        <span className={`badge comment-${comment.status}`}>{t(`comments.status.${comment.status}`)}</span>
      </div>
      <time className="comment-date" dateTime={comment.postedAt}>
        {format.dateTime(comment.postedAt)}
      </time>
      <div id={bodyId} className={`comment-body${long && !expanded ? ' is-collapsed' : ''}`}>
        {paragraphs.map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
      </div>
      {long ? (
        <button type="button" className="link-button" aria-expanded={expanded} aria-controls={bodyId} onClick={() => setExpanded(!expanded)}>
          {expanded ? t('comments.showLess') : t('comments.showMore')}
        </button>
      ) : null}
    </li>
  )
}
