import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PreflightResult, RemoteStatus, Site } from '../../shared/publishing'
import { asApiError, call } from '../api'
import { ConfirmDialog } from '../app/ConfirmDialog'
import { useFormat } from '../app/format'
import { Icon } from '../app/icons'
import { useNotices } from '../app/notices'
import { ArticlePicker } from './ArticlePicker'
import { BatchProgress } from './BatchProgress'
import { PreflightReport } from './PreflightReport'
import type { PublishingRoute, PublishingSection } from './PublishingView'

type Step = { kind: 'select' } | { kind: 'check'; result: PreflightResult } | { kind: 'progress'; batchId: string }

interface BatchSectionProps {
  sites: Site[] | null
  /** An article to put in the selection (from "publish this article"); a new token asks again. */
  request?: { articleId: string; token: number }
  onGo(section: PublishingSection, extra?: Omit<PublishingRoute, 'section'>): void
  onOpenArticle(id: string): void
}

/** A local date-time field's value as an ISO instant, or undefined while it is empty or incomplete. */
export function instantOf(local: string): string | undefined {
  if (!local) return undefined
  const date = new Date(local)
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
}

/** Batch publishing in three steps: choose articles and a site, read the pre-flight report, watch the batch go. */
export function BatchSection({ sites, request, onGo, onOpenArticle }: BatchSectionProps) {
  const { t } = useTranslation(['publishing', 'app'])
  const format = useFormat()
  const { report, inform } = useNotices()
  const id = useId()
  const [step, setStep] = useState<Step>({ kind: 'select' })
  const [selected, setSelected] = useState<Set<string>>(() => new Set(request ? [request.articleId] : []))
  const [siteId, setSiteId] = useState('')
  // What the batch does on the site: publish (now, as a draft there, scheduled), or take articles offline.
  const [remoteStatus, setRemoteStatus] = useState<RemoteStatus | 'unpublish'>('publish')
  const [confirmUnpublish, setConfirmUnpublish] = useState(false)
  const [publishAt, setPublishAt] = useState('')
  const [busy, setBusy] = useState(false)

  // A batch still going when the view opens is shown again, rather than started over.
  useEffect(() => {
    call('publish.batches', { limit: 1 })
      .then(([latest]) => latest && !latest.finished && setStep((s) => (s.kind === 'select' ? { kind: 'progress', batchId: latest.id } : s)))
      .catch((error) => report(error, 'publishing:notices.batchFailed'))
  }, [report])

  useEffect(() => {
    if (!request) return
    setSelected((s) => new Set([...s, request.articleId]))
    setStep((s) => (s.kind === 'progress' ? s : { kind: 'select' }))
  }, [request?.articleId, request?.token])

  useEffect(() => {
    // The first site that can receive now (a secret and no problem); a site imported from an export has no secret yet.
    if (sites && !sites.some((s) => s.id === siteId)) setSiteId((sites.find((s) => s.hasSecret && !s.problem) ?? sites[0])?.id ?? '')
  }, [sites, siteId])

  const input = () => ({
    siteId,
    articleIds: [...selected],
    remoteStatus: remoteStatus === 'unpublish' ? 'publish' : remoteStatus,
    ...(remoteStatus === 'future' && instantOf(publishAt) ? { publishAt: instantOf(publishAt) } : {}),
  })

  const unpublish = async () => {
    setConfirmUnpublish(false)
    setBusy(true)
    try {
      const started = await call('publish.unpublish', { siteId, articleIds: [...selected] })
      setSelected(new Set())
      setStep({ kind: 'progress', batchId: started.batch.id })
    } catch (error) {
      // Main refuses the whole batch when an article was never on this site: said as such.
      if (asApiError(error).code === 'invalid-input') inform('publishing:notices.neverPublished')
      else report(error, 'publishing:notices.unpublishFailed')
    } finally {
      setBusy(false)
    }
  }

  const check = async () => {
    if (!siteId || selected.size === 0 || busy) return
    if (remoteStatus === 'unpublish') return setConfirmUnpublish(true)
    setBusy(true)
    try {
      setStep({ kind: 'check', result: await call('publishing.preflight', input()) })
    } catch (error) {
      report(error, 'publishing:notices.preflightFailed')
    } finally {
      setBusy(false)
    }
  }

  const publish = async () => {
    setBusy(true)
    try {
      const started = await call('publish.start', input())
      if (!started.batch) {
        // Something changed since the check (an article was queued elsewhere): show the new findings.
        setStep({ kind: 'check', result: await call('publishing.preflight', input()) })
        inform('publishing:notices.nothingToPublish')
        return
      }
      if (started.leftOut.length) inform('publishing:notices.someLeftOut')
      setSelected(new Set())
      setStep({ kind: 'progress', batchId: started.batch.id })
    } catch (error) {
      report(error, 'publishing:notices.publishFailed')
    } finally {
      setBusy(false)
    }
  }

  const heading = (key: string) => (
    <h2 className="section-heading" tabIndex={-1}>
      {t(key)}
    </h2>
  )

  if (sites && sites.length === 0)
    return (
      <section className="publishing-section">
        {heading('batch.heading')}
        <div className="empty-card">
          <p>{t('batch.noSites')}</p>
          <button type="button" className="button button-primary" onClick={() => onGo('sites', { addSite: true })}>
            <Icon name="plus" size={16} />
            <span>{t('sites.add')}</span>
          </button>
        </div>
      </section>
    )

  if (step.kind === 'progress')
    return (
      <section className="publishing-section">
        <BatchProgress
          batchId={step.batchId}
          sites={sites}
          onOpenArticle={onOpenArticle}
          onNewBatch={() => setStep({ kind: 'select' })}
          onShowOutbox={() => onGo('outbox')}
        />
      </section>
    )

  if (step.kind === 'check') {
    const { result } = step
    return (
      <section className="publishing-section">
        {heading('preflight.heading')}
        <p className="section-note">{t('preflight.intro', { site: sites?.find((s) => s.id === siteId)?.name ?? '' })}</p>
        <PreflightReport result={result} onOpenArticle={onOpenArticle} onPreview={(articleId) => onGo('preview', { articleId })} />
        <div className="section-footer">
          <button type="button" className="button" onClick={() => setStep({ kind: 'select' })}>
            <Icon name="chevron-left" size={16} />
            <span>{t('preflight.back')}</span>
          </button>
          <span className="spacer" />
          <button type="button" className="button button-primary" disabled={busy || result.publishable === 0} onClick={() => void publish()}>
            <Icon name="upload" size={16} />
            <span>{t('preflight.publish', { count: result.publishable, formatted: format.number(result.publishable) })}</span>
          </button>
        </div>
      </section>
    )
  }

  return (
    <section className="publishing-section publishing-select">
      {heading('batch.heading')}
      <p className="section-note">{t('batch.intro')}</p>
      <div className="batch-options">
        <div className="field">
          <label className="field-label" htmlFor={`${id}-site`}>
            {t('batch.site')}
          </label>
          <select id={`${id}-site`} value={siteId} onChange={(e) => setSiteId(e.target.value)}>
            {(sites ?? []).map((site) => (
              <option key={site.id} value={site.id}>
                {site.problem ? t('batch.siteWithProblem', { name: site.name }) : site.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-how`}>
            {t('batch.how')}
          </label>
          <select id={`${id}-how`} value={remoteStatus} onChange={(e) => setRemoteStatus(e.target.value as RemoteStatus | 'unpublish')}>
            {(['publish', 'draft', 'future', 'unpublish'] as const).map((how) => (
              <option key={how} value={how}>
                {t(`batch.remoteStatus.${how}`)}
              </option>
            ))}
          </select>
        </div>
        {remoteStatus === 'future' ? (
          <div className="field">
            <label className="field-label" htmlFor={`${id}-at`}>
              {t('batch.publishAt')}
            </label>
            <input id={`${id}-at`} type="datetime-local" value={publishAt} onChange={(e) => setPublishAt(e.target.value)} />
          </div>
        ) : null}
      </div>
      <ArticlePicker selected={selected} onChange={setSelected} onSubmit={() => void check()} onError={(e) => report(e, 'publishing:notices.articlesFailed')} />
      <div className="section-footer">
        <span className="selection-count" role="status">
          {t('batch.selected', { count: selected.size, formatted: format.number(selected.size) })}
        </span>
        <span className="spacer" />
        <button type="button" className="button button-primary" disabled={busy || selected.size === 0 || !siteId} onClick={() => void check()}>
          <span>{remoteStatus === 'unpublish' ? t('batch.unpublish') : t('batch.check')}</span>
          <Icon name="chevron" size={16} />
        </button>
      </div>
      {confirmUnpublish ? (
        <ConfirmDialog
          title={t('batch.unpublishTitle', { count: selected.size })}
          message={t('batch.unpublishMessage', { count: selected.size, formatted: format.number(selected.size), site: sites?.find((s) => s.id === siteId)?.name ?? '' })}
          confirmLabel={t('batch.remoteStatus.unpublish')}
          danger
          onCancel={() => setConfirmUnpublish(false)}
          onConfirm={() => void unpublish()}
        />
      ) : null}
    </section>
  )
}
