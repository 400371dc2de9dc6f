import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Site, SiteTestResult } from '../../shared/publishing'
import { asApiError, call } from '../api'
import { ConfirmDialog } from '../app/ConfirmDialog'
import { useFormat } from '../app/format'
import { Icon } from '../app/icons'
import { useNotices } from '../app/notices'
import { SiteDialog } from './SiteDialog'
import { TestOutcome } from './TestOutcome'

interface SitesSectionProps {
  sites: Site[] | null
  loading: boolean
  /** Open the form for a new site at once. */
  addSite: boolean
}

/** The sites Kopij publishes to: add, change, test the connection for real, remove. Secrets are never shown. */
export function SitesSection({ sites, loading, addSite }: SitesSectionProps) {
  const { t } = useTranslation(['publishing', 'app'])
  const { report, inform } = useNotices()
  const [editing, setEditing] = useState<Site | 'new' | null>(addSite ? 'new' : null)
  const [removing, setRemoving] = useState<Site | null>(null)

  useEffect(() => {
    if (addSite) setEditing('new')
  }, [addSite])

  const remove = async (site: Site) => {
    setRemoving(null)
    try {
      await call('sites.remove', { id: site.id })
      inform('publishing:notices.siteRemoved')
    } catch (error) {
      // Refused while items are queued or being sent: said as such, not as the generic "changed elsewhere".
      if (asApiError(error).code === 'conflict') inform('publishing:notices.siteBusy')
      else report(error, 'publishing:notices.siteRemoveFailed')
    }
  }

  return (
    <section className="publishing-section">
      <div className="section-title-row">
        <h2 className="section-heading" tabIndex={-1}>
          {t('sites.heading')}
        </h2>
        <span className="spacer" />
        <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
          <Icon name="plus" size={16} />
          <span>{t('sites.add')}</span>
        </button>
      </div>
      <p className="section-note">{t('sites.intro')}</p>
      {loading && !sites ? <p className="section-note">{t('app:common.loading')}</p> : null}
      {sites && sites.length === 0 ? <p className="empty-card">{t('sites.empty')}</p> : null}
      <ul className="site-cards">
        {(sites ?? []).map((site) => (
          <SiteCard key={site.id} site={site} onEdit={() => setEditing(site)} onRemove={() => setRemoving(site)} />
        ))}
      </ul>
      {editing ? <SiteDialog site={editing === 'new' ? null : editing} secretStore={sites?.[0]?.secretStore ?? null} onClose={() => setEditing(null)} /> : null}
      {removing ? (
        <ConfirmDialog
          title={t('sites.removeTitle')}
          message={t('sites.removeMessage', { name: removing.name })}
          confirmLabel={t('sites.remove')}
          danger
          onCancel={() => setRemoving(null)}
          onConfirm={() => void remove(removing)}
        />
      ) : null}
    </section>
  )
}

function SiteCard({ site, onEdit, onRemove }: { site: Site; onEdit(): void; onRemove(): void }) {
  const { t } = useTranslation(['publishing', 'app'])
  const format = useFormat()
  const { report } = useNotices()
  const [testing, setTesting] = useState(false)
  const [result, setResult] = useState<SiteTestResult | null>(null)

  const test = async () => {
    setTesting(true)
    setResult(null)
    try {
      setResult(await call('sites.test', { id: site.id }))
    } catch (error) {
      report(error, 'publishing:notices.testFailed')
    } finally {
      setTesting(false)
    }
  }

  const headingId = `site-${site.id}`
  return (
    <li className={`site-card${site.problem ? ' has-problem' : ''}`} aria-labelledby={headingId}>
      <div className="site-card-head">
        <h3 id={headingId} className="site-name">
          {site.name}
        </h3>
        <span className="badge">{t(`sites.kinds.${site.kind}`)}</span>
        <span className="spacer" />
        <button type="button" className="button button-small" onClick={() => void test()} disabled={testing} aria-label={t('sites.testOf', { name: site.name })}>
          <Icon name="plug" size={14} />
          <span>{testing ? t('sites.testing') : t('sites.test')}</span>
        </button>
        <button type="button" className="button button-small" onClick={onEdit} aria-label={t('sites.editOf', { name: site.name })}>
          <Icon name="edit" size={14} />
          <span>{t('sites.edit')}</span>
        </button>
        <button type="button" className="button button-small button-danger-quiet" onClick={onRemove} aria-label={t('sites.removeOf', { name: site.name })}>
          <Icon name="trash" size={14} />
          <span>{t('sites.remove')}</span>
        </button>
      </div>
      <dl className="site-facts">
        <dt>{t('sites.address')}</dt>
        <dd className="mono">{site.baseUrl}</dd>
        {site.kind === 'wordpress' ? (
          <>
            <dt>{t('sites.user')}</dt>
            <dd>{site.username || '—'}</dd>
          </>
        ) : null}
        <dt>{t(`sites.secretLabel.${site.kind}`)}</dt>
        <dd>
          {site.hasSecret ? t('sites.secretKept') : <span className="text-danger">{t('sites.noSecret')}</span>}
          {site.hasSecret ? (
            <span className="site-store">
              {' · '}
              <span lang="en">{site.secretStore}</span>
            </span>
          ) : null}
        </dd>
        {site.lastTest ? (
          <>
            <dt>{t('sites.lastTest')}</dt>
            <dd>
              {t(site.lastTest.ok ? 'sites.lastTestOk' : 'sites.lastTestFailed', { time: format.dateTime(site.lastTest.at) })}
              {!site.lastTest.ok ? <span lang="en"> {site.lastTest.message}</span> : null}
            </dd>
          </>
        ) : null}
      </dl>
      {site.problem ? (
        <div className="banner banner-danger site-problem" role="alert">
          <Icon name="alert" size={16} />
          <p>
            <TestOutcome result={{ ok: false, code: site.problem.code, message: site.problem.message }} problem />{' '}
            {t('sites.problemWaits', { time: format.dateTime(site.problem.at) })}
          </p>
        </div>
      ) : null}
      <div role="status" className="site-test-result">
        {result ? <TestOutcome result={result} /> : null}
      </div>
    </li>
  )
}
