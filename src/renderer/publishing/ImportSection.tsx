import { useEffect, useId, useMemo, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { CallInput } from '../../shared/api'
import type { ImportProgress, Site } from '../../shared/publishing'
import { call, on } from '../api'
import { useFormat } from '../app/format'
import { Icon } from '../app/icons'
import { useNotices } from '../app/notices'
import { useCall } from '../app/useCall'
import type { PublishingRoute, PublishingSection } from './PublishingView'
import { useCodeText } from './text'

interface ImportSectionProps {
  sites: Site[] | null
  onGo(section: PublishingSection, extra?: Omit<PublishingRoute, 'section'>): void
}

const stateRank: Record<ImportProgress['state'], number> = { running: 0, paused: 1, cancelled: 2, failed: 2, done: 2 }

/** Whether `a` is a later word on the same import than `b`: a later update; at the same moment, further along. */
function isLater(a: ImportProgress, b: ImportProgress): boolean {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt
  if (stateRank[a.state] !== stateRank[b.state]) return stateRank[a.state] > stateRank[b.state]
  return a.posts + a.comments + a.skipped >= b.posts + b.comments + b.skipped
}

/**
 * Newest first, each import once: the list as loaded, updated by `import.progress` events and call answers. These
 * race (a broken file fails before `import.start` has answered), so an older word never replaces a newer one.
 */
export function mergeImport(list: ImportProgress[], next: ImportProgress): ImportProgress[] {
  const known = list.find((i) => i.id === next.id)
  if (known && !isLater(next, known)) return list
  const rest = list.filter((i) => i.id !== next.id)
  return [next, ...rest].sort((a, b) => b.startedAt.localeCompare(a.startedAt))
}

/** Bringing the existing site into the archive: a WordPress export file (WXR) or a pull over WordPress's REST API. */
export function ImportSection({ sites, onGo }: ImportSectionProps) {
  const { t } = useTranslation(['publishing', 'app'])
  const { report } = useNotices()
  const id = useId()
  const loaded = useCall('import.list', {}, 'imports', (e) => report(e, 'publishing:notices.importsFailed'))
  const [imports, setImports] = useState<ImportProgress[]>([])
  const [path, setPath] = useState('')
  const wordpress = useMemo(() => (sites ?? []).filter((s) => s.kind === 'wordpress'), [sites])
  const [siteId, setSiteId] = useState('')
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (loaded.data) setImports((list) => loaded.data!.reduce(mergeImport, list))
  }, [loaded.data])
  useEffect(() => on('import.progress', (progress) => setImports((list) => mergeImport(list, progress))), [])
  useEffect(() => {
    if (!wordpress.some((s) => s.id === siteId)) setSiteId(wordpress[0]?.id ?? '')
  }, [wordpress, siteId])

  const start = async (input: CallInput<'import.start'>) => {
    setBusy(true)
    try {
      const started = await call('import.start', input)
      setImports((list) => mergeImport(list, started))
    } catch (error) {
      report(error, 'publishing:notices.importStartFailed')
    } finally {
      setBusy(false)
    }
  }

  const startWxr = (event: FormEvent) => {
    event.preventDefault()
    if (path.trim()) void start({ kind: 'wxr', path: path.trim() })
  }

  return (
    <section className="publishing-section">
      <h2 className="section-heading" tabIndex={-1}>
        {t('import.heading')}
      </h2>
      <p className="section-note">{t('import.intro')}</p>
      <div className="import-cards">
        <form className="import-card" onSubmit={startWxr} aria-labelledby={`${id}-wxr`}>
          <h3 id={`${id}-wxr`} className="subheading">
            {t('import.wxr.heading')}
          </h3>
          <p className="section-note">{t('import.wxr.intro')}</p>
          <div className="field">
            <label className="field-label" htmlFor={`${id}-path`}>
              {t('import.wxr.path')}
            </label>
            <input id={`${id}-path`} className="mono" value={path} onChange={(e) => setPath(e.target.value)} spellCheck={false} autoComplete="off" placeholder={t('import.wxr.pathPlaceholder')} aria-describedby={`${id}-path-help`} />
            <p id={`${id}-path-help`} className="field-help">
              {t('import.wxr.pathHelp')}
            </p>
          </div>
          <button type="submit" className="button button-primary" disabled={busy || !path.trim()}>
            <Icon name="download" size={16} />
            <span>{t('import.wxr.start')}</span>
          </button>
        </form>
        <form
          className="import-card"
          aria-labelledby={`${id}-pull`}
          onSubmit={(e) => {
            e.preventDefault()
            if (siteId) void start({ kind: 'wordpress', siteId })
          }}
        >
          <h3 id={`${id}-pull`} className="subheading">
            {t('import.pull.heading')}
          </h3>
          <p className="section-note">{t('import.pull.intro')}</p>
          {wordpress.length ? (
            <div className="field">
              <label className="field-label" htmlFor={`${id}-site`}>
                {t('import.pull.site')}
              </label>
              <select id={`${id}-site`} value={siteId} onChange={(e) => setSiteId(e.target.value)}>
                {wordpress.map((site) => (
                  <option key={site.id} value={site.id}>
                    {site.name}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <p className="field-help">
              {t('import.pull.noSites')}{' '}
              <button type="button" className="link-button" onClick={() => onGo('sites', { addSite: true })}>
                {t('sites.add')}
              </button>
            </p>
          )}
          <button type="submit" className="button button-primary" disabled={busy || !siteId}>
            <Icon name="download" size={16} />
            <span>{t('import.pull.start')}</span>
          </button>
        </form>
      </div>
      <h3 className="subheading">{t('import.recent')}</h3>
      {loaded.loading && !loaded.data ? <p className="section-note">{t('app:common.loading')}</p> : null}
      {loaded.data && imports.length === 0 ? <p className="empty-card">{t('import.none')}</p> : null}
      <ol className="import-list" aria-label={t('import.recent')}>
        {imports.map((progress) => (
          <ImportRow key={progress.id} progress={progress} />
        ))}
      </ol>
    </section>
  )
}

function ImportRow({ progress }: { progress: ImportProgress }) {
  const { t } = useTranslation(['publishing', 'app'])
  const format = useFormat()
  const text = useCodeText()
  const { report } = useNotices()
  const [busy, setBusy] = useState(false)
  const n = (value: number) => format.number(value)
  const act = async (name: 'import.cancel' | 'import.resume') => {
    setBusy(true)
    try {
      await call(name, { id: progress.id })
    } catch (error) {
      report(error, name === 'import.cancel' ? 'publishing:notices.importCancelFailed' : 'publishing:notices.importResumeFailed')
    } finally {
      setBusy(false)
    }
  }
  const total = progress.totalPosts
  const running = progress.state === 'running'
  return (
    <li className={`import-row import-row-${progress.state}`}>
      <div className="import-row-head">
        <span className={`badge import-badge-${progress.state}`}>{t(`import.states.${progress.state}`)}</span>
        <span className="import-source mono">{progress.source}</span>
        <span className="spacer" />
        {running ? (
          <button type="button" className="button button-small" disabled={busy} onClick={() => void act('import.cancel')}>
            <Icon name="stop" size={14} />
            <span>{t('import.cancel')}</span>
          </button>
        ) : null}
        {progress.state !== 'done' && !running ? (
          <button type="button" className="button button-small" disabled={busy} onClick={() => void act('import.resume')}>
            <Icon name="retry" size={14} />
            <span>{t('import.resume')}</span>
          </button>
        ) : null}
      </div>
      {running && total ? (
        <progress className="import-progress" max={total} value={Math.min(progress.posts + progress.skipped, total)} aria-label={t('import.progressLabel', { source: progress.source })} />
      ) : null}
      <p className="import-meta">
        <span>{t(`import.kinds.${progress.kind}`)}</span>
        {running ? <span>{text('import.phases', progress.phase, progress.phase)}</span> : null}
        <span>
          {total !== null ? t('import.postsOf', { posts: n(progress.posts), total: n(total) }) : t('import.posts', { count: progress.posts, formatted: n(progress.posts) })}
        </span>
        <span>{t('import.comments', { count: progress.comments, formatted: n(progress.comments) })}</span>
        <span>{t('import.terms', { count: progress.terms, formatted: n(progress.terms) })}</span>
        {progress.skipped ? <span>{t('import.skipped', { count: progress.skipped, formatted: n(progress.skipped) })}</span> : null}
        <span>{t('import.started', { time: format.dateTime(progress.startedAt) })}</span>
      </p>
      {progress.error ? (
        <p className="outbox-error">
          {t('import.failedBecause')} <span lang="en">{progress.error}</span>
        </p>
      ) : null}
    </li>
  )
}
