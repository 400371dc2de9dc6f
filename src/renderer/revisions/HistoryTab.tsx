// The revision history of an article: every save is a revision; preview one read-only, restore it as a new one.
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { on } from '../api'
import { useFormat } from '../app/format'
import { useNotices } from '../app/notices'
import { useCall } from '../app/useCall'

interface HistoryTabProps {
  articleId: string
  selected: number | null
  onSelect(revisionId: number | null): void
}

/** Selecting a revision previews it in place of the editor, where its restore button is (one, not one per row). */
export function HistoryTab({ articleId, selected, onSelect }: HistoryTabProps) {
  const { t } = useTranslation()
  const format = useFormat()
  const { report } = useNotices()
  const revisions = useCall('revisions.list', { articleId }, articleId, (e) => report(e, 'notices.historyFailed'))
  const reloadTimer = useRef<ReturnType<typeof setTimeout>>(undefined)

  // Each save adds a revision; refresh the list shortly after, not per save in a burst.
  const reload = revisions.reload
  useEffect(() => {
    const off = on('article.saved', (event) => {
      if (event.articleId !== articleId) return
      clearTimeout(reloadTimer.current)
      reloadTimer.current = setTimeout(reload, 600)
    })
    return () => {
      off()
      clearTimeout(reloadTimer.current)
    }
  }, [articleId, reload])

  if (revisions.loading && !revisions.data) return <p className="panel-note">{t('common.loading')}</p>
  if (!revisions.data) return <p className="panel-note">{t('panel.unavailable')}</p>
  const currentId = revisions.data[0]?.id
  return (
    <div className="history">
      <p className="panel-note">{t('history.intro')}</p>
      <ol className="revision-list">
        {revisions.data.map((revision) => {
          const isSelected = revision.id === selected
          const isCurrent = revision.id === currentId
          return (
            <li key={revision.id} className={`revision${isSelected ? ' is-selected' : ''}`}>
              <button type="button" className="revision-button" aria-pressed={isSelected} onClick={() => onSelect(isSelected ? null : revision.id)}>
                <span className="revision-time">
                  <time dateTime={revision.createdAt}>{format.dateTime(revision.createdAt)}</time>
                  {isCurrent ? <span className="badge badge-current">{t('history.current')}</span> : null}
                </span>
                <span className="revision-meta">
                  {revision.reason === 'restored' && revision.restoredFrom
                    ? t('history.reason.restoredFrom', { id: revision.restoredFrom })
                    : t(`history.reason.${revision.reason}`)}
                  {' · '}
                  {t('list.words', { count: revision.wordCount, formatted: format.number(revision.wordCount) })}
                </span>
                <span className="revision-title">{revision.title || t('list.untitled')}</span>
              </button>
            </li>
          )
        })}
      </ol>
    </div>
  )
}
