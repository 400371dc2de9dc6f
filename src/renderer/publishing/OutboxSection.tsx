import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { OutboxItem, OutboxState, Site, StateCounts } from '../../shared/publishing'
import { call } from '../api'
import { useFormat } from '../app/format'
import { Icon } from '../app/icons'
import { useNotices } from '../app/notices'
import { ConflictDialog } from './ConflictDialog'
import { OutboxItemRow } from './OutboxItemRow'
import { useOnOutboxChange } from './useLive'

/** The outbox's filters: what still needs doing (the default), one state, or everything. */
export const outboxFilters = ['open', 'queued', 'sending', 'failed', 'conflict', 'done', 'all'] as const
export type OutboxFilter = (typeof outboxFilters)[number]

const statesOf = (filter: OutboxFilter): OutboxState[] | undefined =>
  filter === 'all' ? undefined : filter === 'open' ? ['queued', 'sending', 'failed', 'conflict'] : [filter]

export const filterCount = (filter: OutboxFilter, counts: StateCounts | null): number | null => {
  if (!counts) return null
  const states = statesOf(filter) ?? (Object.keys(counts) as OutboxState[])
  return states.reduce((sum, state) => sum + counts[state], 0)
}

const pageSize = 200

interface OutboxSectionProps {
  sites: Site[] | null
  onOpenArticle(id: string): void
}

/**
 * Everything on its way out, by state, per site or all sites. Finished items are listed newest first (the outbox
 * lists oldest first, so the newest page is read from the end); what is still open, oldest first, as it will go.
 */
export function OutboxSection({ sites, onOpenArticle }: OutboxSectionProps) {
  const { t } = useTranslation(['publishing', 'app'])
  const format = useFormat()
  const { report } = useNotices()
  const id = useId()
  const [filter, setFilter] = useState<OutboxFilter>('open')
  const [siteId, setSiteId] = useState('')
  const [shown, setShown] = useState(pageSize)
  const [list, setList] = useState<{ items: OutboxItem[]; total: number; counts: StateCounts } | null>(null)
  const [busy, setBusy] = useState(false)
  const [conflict, setConflict] = useState<OutboxItem | null>(null)
  const request = useRef(0)
  const newestFirst = filter === 'done' || filter === 'all'

  const load = useCallback(async () => {
    const ask = ++request.current
    const base = { ...(siteId ? { siteId } : {}), ...(statesOf(filter) ? { states: statesOf(filter) } : {}) }
    try {
      let answer = await call('outbox.list', { ...base, limit: Math.min(1000, shown), offset: 0 })
      if (newestFirst && answer.total > answer.items.length) {
        answer = await call('outbox.list', { ...base, limit: Math.min(1000, shown), offset: Math.max(0, answer.total - shown) })
      }
      if (ask !== request.current) return
      setList({ ...answer, items: newestFirst ? [...answer.items].reverse() : answer.items })
    } catch (error) {
      if (ask === request.current) report(error, 'publishing:notices.outboxFailed')
    }
  }, [filter, siteId, shown, newestFirst, report])
  useEffect(() => void load(), [load])
  useOnOutboxChange(() => void load(), 300, false)

  const act = async (task: () => Promise<unknown>) => {
    setBusy(true)
    try {
      await task()
      await load()
    } catch (error) {
      report(error, 'publishing:notices.retryFailed')
    } finally {
      setBusy(false)
    }
  }

  const siteName = (siteId: string) => sites?.find((s) => s.id === siteId)?.name ?? t('progress.unknownSite')
  const failed = list?.items.filter((i) => i.state === 'failed') ?? []
  return (
    <section className="publishing-section">
      <h2 className="section-heading" tabIndex={-1}>
        {t('outbox.heading')}
      </h2>
      <p className="section-note">{t('outbox.intro')}</p>
      <div className="outbox-tools">
        <div className="segmented" role="group" aria-label={t('outbox.filter')}>
          {outboxFilters.map((f) => {
            const count = filterCount(f, list?.counts ?? null)
            return (
              <button key={f} type="button" className="segment" aria-pressed={f === filter} onClick={() => {
                setFilter(f)
                setShown(pageSize)
              }}>
                {t(`outbox.filters.${f}`)}
                {count !== null ? <span className="segment-count">{format.number(count)}</span> : null}
              </button>
            )
          })}
        </div>
        <span className="spacer" />
        <label className="visually-hidden" htmlFor={`${id}-site`}>
          {t('outbox.site')}
        </label>
        <select id={`${id}-site`} value={siteId} onChange={(e) => setSiteId(e.target.value)}>
          <option value="">{t('outbox.allSites')}</option>
          {(sites ?? []).map((site) => (
            <option key={site.id} value={site.id}>
              {site.name}
            </option>
          ))}
        </select>
        {failed.length > 0 ? (
          <button type="button" className="button" disabled={busy} onClick={() => void act(() => call('publish.retry', { itemIds: failed.slice(0, 5000).map((i) => i.id) }))}>
            <Icon name="retry" size={16} />
            <span>{t('outbox.retryAll', { count: failed.length, formatted: format.number(failed.length) })}</span>
          </button>
        ) : null}
      </div>
      {!list ? <p className="section-note">{t('app:common.loading')}</p> : null}
      {list && list.items.length === 0 ? <p className="empty-card">{t(filter === 'open' ? 'outbox.nothingOpen' : 'outbox.empty')}</p> : null}
      {list && list.items.length > 0 ? (
        <ol className="outbox-items" aria-label={t('outbox.items')} aria-describedby={`${id}-total`}>
          {list.items.map((item) => (
            <OutboxItemRow
              key={item.id}
              item={item}
              siteName={sites && sites.length > 1 && !siteId ? siteName(item.siteId) : undefined}
              busy={busy}
              onRetry={(i) => void act(() => call('publish.retry', { itemIds: [i.id] }))}
              onResolve={setConflict}
              onOpenArticle={onOpenArticle}
            />
          ))}
        </ol>
      ) : null}
      {list ? (
        <p className="section-note" id={`${id}-total`}>
          {t('outbox.showing', { shown: format.number(list.items.length), total: format.number(list.total) })}{' '}
          {list.total > list.items.length ? (
            <button type="button" className="link-button" onClick={() => setShown((n) => Math.min(1000, n + pageSize))} disabled={shown >= 1000}>
              {t('outbox.more')}
            </button>
          ) : null}
        </p>
      ) : null}
      {conflict ? <ConflictDialog item={conflict} onClose={() => setConflict(null)} onResolved={() => void load()} /> : null}
    </section>
  )
}
