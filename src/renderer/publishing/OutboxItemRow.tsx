import { useTranslation } from 'react-i18next'
import type { OutboxItem } from '../../shared/publishing'
import { useFormat } from '../app/format'
import { Icon } from '../app/icons'
import { relativeTime, useCodeText } from './text'

/** The state as the editor reads it: a queued item that already failed once is waiting to try again. */
export function stateKey(item: OutboxItem): string {
  if (item.state === 'queued' && item.error) return 'retrying'
  if (item.state === 'done' && item.kind === 'article.unpublish') return 'unpublished'
  return item.state
}

/** What the item sends, as a key of `kinds`: publish (now, as a draft there, or scheduled), unpublish, moderation, reply. */
export function kindKey(item: Pick<OutboxItem, 'kind' | 'remoteStatus'>): string {
  if (item.kind === 'article.publish') return item.remoteStatus ?? 'publish'
  return { 'article.unpublish': 'unpublish', 'comment.moderate': 'moderate', 'comment.reply': 'reply' }[item.kind]
}

/** The site says where the article is; only an http(s) address becomes a link (a site is not trusted to say more). */
export function isWebAddress(url: string | null): boolean {
  if (!url) return false
  try {
    return ['http:', 'https:'].includes(new URL(url).protocol)
  } catch {
    return false
  }
}

interface OutboxItemRowProps {
  item: OutboxItem
  /** Shown when the list mixes sites. */
  siteName?: string
  busy?: boolean
  onRetry(item: OutboxItem): void
  onResolve(item: OutboxItem): void
  onOpenArticle(articleId: string): void
}

/** One outbox item: state, what it sends, attempts, the next try, the error in words, and what can be done now. */
export function OutboxItemRow({ item, siteName, busy, onRetry, onResolve, onOpenArticle }: OutboxItemRowProps) {
  const { t } = useTranslation(['publishing', 'app'])
  const format = useFormat()
  const text = useCodeText()
  const state = stateKey(item)
  const title = item.title || t('app:list.untitled')
  const what = kindKey(item)
  const error = item.error
  return (
    <li className={`outbox-item outbox-item-${item.state}`} aria-busy={item.state === 'sending'}>
      <div className="outbox-item-head">
        <span className={`badge state-badge state-${state}`}>
          {item.state === 'sending' ? <span className="sending-dot" aria-hidden="true" /> : null}
          {t(`states.${state}`)}
        </span>
        <span className="outbox-item-title">{title}</span>
        <span className="spacer" />
        <span className="row-actions">
          {item.state === 'failed' ? (
            <button type="button" className="button button-small" disabled={busy} onClick={() => onRetry(item)} aria-label={t('item.retryOf', { title })}>
              <Icon name="retry" size={14} />
              <span>{t('item.retry')}</span>
            </button>
          ) : null}
          {item.state === 'conflict' ? (
            <button type="button" className="button button-small button-warning" disabled={busy} onClick={() => onResolve(item)} aria-label={t('item.resolveOf', { title })}>
              <Icon name="alert" size={14} />
              <span>{t('item.resolve')}</span>
            </button>
          ) : null}
          {item.state === 'done' && isWebAddress(item.remoteUrl) && item.kind === 'article.publish' ? (
            <a className="button button-small" href={item.remoteUrl!} target="_blank" rel="noopener noreferrer" aria-label={t('item.viewOf', { title })}>
              <Icon name="external" size={14} />
              <span>{t('item.view')}</span>
            </a>
          ) : null}
          <button type="button" className="button button-quiet button-small" onClick={() => onOpenArticle(item.articleId)} aria-label={t('item.openOf', { title })}>
            {t('item.open')}
          </button>
        </span>
      </div>
      <p className="outbox-item-meta">
        <span>{t(`kinds.${what}`)}</span>
        {siteName ? <span>{siteName}</span> : null}
        {item.attempts > 1 || (item.attempts > 0 && item.state !== 'done') ? <span>{t('item.attempts', { count: item.attempts, formatted: format.number(item.attempts) })}</span> : null}
        {item.state === 'queued' && item.nextAttemptAt && item.error ? (
          <span>
            {t('item.nextAttempt', { time: format.when(item.nextAttemptAt), relative: relativeTime(item.nextAttemptAt, format.locale) })}
          </span>
        ) : null}
        {item.doneAt ? (
          <span>
            {t('item.doneAt', { time: format.dateTime(item.doneAt) })}
          </span>
        ) : (
          <span>{t('item.updatedAt', { time: format.when(item.updatedAt) })}</span>
        )}
      </p>
      {error && item.state !== 'done' ? (
        <div className={`outbox-error${error.willRetry ? ' is-retrying' : ''}`}>
          <p>
            {text('outboxErrors', error.code, t('outboxErrors.unknown'))}
            {error.willRetry ? ` ${t('item.willRetry')}` : ''}
          </p>
          <p className="outbox-error-detail">
            {error.httpStatus ? `${t('item.http', { status: error.httpStatus })} · ` : ''}
            <span lang="en">{[error.remoteCode, error.message].filter(Boolean).join(' · ')}</span>
          </p>
        </div>
      ) : null}
    </li>
  )
}
