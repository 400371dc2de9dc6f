import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Batch, OutboxItem, Site, StateCounts } from '../../shared/publishing'
import { call, on } from '../api'
import { useFormat } from '../app/format'
import { Icon } from '../app/icons'
import { useNotices } from '../app/notices'
import { ConflictDialog } from './ConflictDialog'
import { OutboxItemRow } from './OutboxItemRow'
import { useOnOutboxChange } from './useLive'

/** Items a batch has dealt with (whatever the outcome) against its total: what the progress bar fills. */
export const processed = (counts: StateCounts) => counts.done + counts.failed + counts.conflict

export function ProgressBar({ counts, total, label }: { counts: StateCounts; total: number; label: string }) {
  const { t } = useTranslation('publishing')
  const format = useFormat()
  const part = (n: number) => `${total ? (100 * n) / total : 0}%`
  const done = processed(counts)
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={Math.max(total, 1)}
      aria-valuenow={done}
      aria-valuetext={t('progress.valueText', { done: format.number(done), total: format.number(total) })}
    >
      <span className="progress-done" style={{ width: part(counts.done) }} />
      <span className="progress-conflict" style={{ width: part(counts.conflict) }} />
      <span className="progress-failed" style={{ width: part(counts.failed) }} />
      <span className="progress-sending" style={{ width: part(counts.sending) }} />
    </div>
  )
}

interface BatchProgressProps {
  batchId: string
  sites: Site[] | null
  onOpenArticle(id: string): void
  onNewBatch(): void
  onShowOutbox(): void
}

/** A publish batch as it goes: a bar, the counts in words, every item with its state and error; retry, cancel. */
export function BatchProgress({ batchId, sites, onOpenArticle, onNewBatch, onShowOutbox }: BatchProgressProps) {
  const { t } = useTranslation(['publishing', 'app'])
  const format = useFormat()
  const { report, inform } = useNotices()
  const [batch, setBatch] = useState<Batch | null>(null)
  const [items, setItems] = useState<OutboxItem[]>([])
  const [busy, setBusy] = useState(false)
  const [conflict, setConflict] = useState<OutboxItem | null>(null)
  const request = useRef(0)

  const load = useCallback(() => {
    const id = ++request.current
    Promise.all([call('publish.batch', { batchId }), call('outbox.list', { batchId, limit: 1000, offset: 0 })])
      .then(([b, list]) => {
        if (id !== request.current) return
        setBatch(b)
        setItems(list.items)
      })
      .catch((error) => id === request.current && report(error, 'publishing:notices.batchFailed'))
  }, [batchId, report])
  useOnOutboxChange(load, 250)
  // Progress events carry the counts: the bar moves at once, the item list follows with the next outbox read.
  useEffect(() => on('publish.progress', (b) => b.id === batchId && setBatch(b)), [batchId])

  const act = async (task: () => Promise<unknown>, failed: string) => {
    setBusy(true)
    try {
      await task()
      load()
    } catch (error) {
      report(error, failed)
    } finally {
      setBusy(false)
    }
  }

  if (!batch)
    return (
      <h2 className="section-heading" tabIndex={-1}>
        {t('progress.heading')}
      </h2>
    )
  const site = sites?.find((s) => s.id === batch.siteId)
  const counts = batch.counts
  const n = (value: number) => format.number(value)
  return (
    <div className="batch-progress">
      <div className="batch-head">
        <div>
          <h2 className="section-heading" tabIndex={-1}>
            {t(`progress.${batch.action}.${batch.finished ? 'finishedTitle' : 'title'}`, { site: site?.name ?? t('progress.unknownSite') })}
          </h2>
          <p className="section-note">{t('progress.started', { time: format.dateTime(batch.createdAt) })}</p>
        </div>
        <span className="spacer" />
        {counts.failed > 0 ? (
          <button type="button" className="button" disabled={busy} onClick={() => void act(() => call('publish.retry', { batchId }), 'publishing:notices.retryFailed')}>
            <Icon name="retry" size={16} />
            <span>{t('progress.retryFailed', { count: counts.failed, formatted: n(counts.failed) })}</span>
          </button>
        ) : null}
        {!batch.finished ? (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() =>
              void act(async () => {
                await call('publish.cancel', { batchId })
                inform('publishing:notices.cancelled')
              }, 'publishing:notices.cancelFailed')
            }
          >
            <Icon name="stop" size={16} />
            <span>{t('progress.cancel')}</span>
          </button>
        ) : (
          <button type="button" className="button button-primary" onClick={onNewBatch}>
            <Icon name="plus" size={16} />
            <span>{t('progress.newBatch')}</span>
          </button>
        )}
      </div>
      <ProgressBar counts={counts} total={batch.total} label={t('progress.label')} />
      <p className="progress-words" role="status">
        {t('progress.processed', { done: n(processed(counts)), total: n(batch.total) })}
        {' · '}
        <span className={counts.done ? 'count-done' : undefined}>{t(`progress.${batch.action}.done`, { count: counts.done, formatted: n(counts.done) })}</span>
        {counts.sending + counts.queued > 0 ? <> · {t('progress.waiting', { count: counts.sending + counts.queued, formatted: n(counts.sending + counts.queued) })}</> : null}
        {counts.failed > 0 ? <> · <span className="count-failed">{t('progress.failed', { count: counts.failed, formatted: n(counts.failed) })}</span></> : null}
        {counts.conflict > 0 ? <> · <span className="count-conflict">{t('progress.conflicts', { count: counts.conflict, formatted: n(counts.conflict) })}</span></> : null}
      </p>
      <ol className="outbox-items" aria-label={t('progress.items')}>
        {items.map((item) => (
          <OutboxItemRow
            key={item.id}
            item={item}
            busy={busy}
            onRetry={(i) => void act(() => call('publish.retry', { itemIds: [i.id] }), 'publishing:notices.retryFailed')}
            onResolve={setConflict}
            onOpenArticle={onOpenArticle}
          />
        ))}
      </ol>
      <p className="section-note">
        <button type="button" className="link-button" onClick={onShowOutbox}>
          {t('progress.showOutbox')}
        </button>
      </p>
      {conflict ? <ConflictDialog item={conflict} onClose={() => setConflict(null)} onResolved={load} /> : null}
    </div>
  )
}
