import { useTranslation } from 'react-i18next'
import type { Finding, PreflightResult } from '../../shared/publishing'
import { useFormat } from '../app/format'
import { Icon } from '../app/icons'
import { useCodeText } from './text'

type Item = PreflightResult['items'][number]

/** Blocked articles first, then those with warnings, then the clean ones; the editor's order within each. */
export function orderForReport(items: Item[]): Item[] {
  const rank = (item: Item) => (item.blocked ? 0 : item.findings.length ? 1 : 2)
  return items.map((item, index) => ({ item, index })).sort((a, b) => rank(a.item) - rank(b.item) || a.index - b.index).map((e) => e.item)
}

/** A finding's parameters as the UI shows them (a date in the UI language). */
function useParams() {
  const { t } = useTranslation(['publishing', 'app'])
  const format = useFormat()
  const text = useCodeText()
  return (finding: Finding): Record<string, string | number> => {
    const params: Record<string, string | number> = { ...(finding.params ?? {}) }
    if (typeof params.status === 'string') params.status = t(`app:status.${params.status}`, { defaultValue: params.status })
    // A site problem names its cause by code ("no-secret", "unauthorized"): in words, else main's sentence.
    if (typeof params.problem === 'string') params.problem = text('siteProblem', params.problem, finding.message)
    if (typeof params.publishAt === 'string') params.publishAt = format.dateTime(params.publishAt)
    if (typeof params.count === 'number') params.formatted = format.number(params.count)
    return params
  }
}

export function FindingLine({ finding }: { finding: Finding }) {
  const { t } = useTranslation('publishing')
  const text = useCodeText()
  const params = useParams()
  const known = text('findings', finding.code, '', params(finding))
  return (
    <li className={`finding finding-${finding.severity}`}>
      <Icon name={finding.severity === 'block' ? 'alert' : 'info'} size={15} />
      <span className="finding-severity">{t(`preflight.severity.${finding.severity}`)}</span>{' '}
      <span className="finding-text" lang={known ? undefined : 'en'}>
        {known || finding.message}
      </span>
    </li>
  )
}

interface PreflightReportProps {
  result: PreflightResult
  onOpenArticle(id: string): void
  onPreview(id: string): void
}

/**
 * What pre-flight found, per article: blocked (left out of the batch), with warnings, or fine; findings about the
 * site itself above them all, since they block every article.
 */
export function PreflightReport({ result, onOpenArticle, onPreview }: PreflightReportProps) {
  const { t } = useTranslation(['publishing', 'app'])
  const format = useFormat()
  const warnings = result.items.filter((i) => !i.blocked && i.findings.length).length
  return (
    <div className="preflight">
      <p className="preflight-summary" role="status">
        {t('preflight.summary', { count: result.items.length, formatted: format.number(result.items.length) })}{' '}
        <strong className="preflight-ok">{t('preflight.publishable', { count: result.publishable, formatted: format.number(result.publishable) })}</strong>
        {result.blocked ? (
          <>
            {' · '}
            <strong className="preflight-blocked">{t('preflight.blocked', { count: result.blocked, formatted: format.number(result.blocked) })}</strong>
          </>
        ) : null}
        {warnings ? (
          <>
            {' · '}
            <span>{t('preflight.withWarnings', { count: warnings, formatted: format.number(warnings) })}</span>
          </>
        ) : null}
      </p>
      {result.siteFindings.length ? (
        <div className="banner banner-danger preflight-site" role="alert">
          <p>{t('preflight.siteBlocked')}</p>
          <ul className="findings">
            {result.siteFindings.map((finding, index) => (
              <FindingLine key={index} finding={finding} />
            ))}
          </ul>
        </div>
      ) : null}
      <ol className="preflight-items">
        {orderForReport(result.items).map((item) => {
          const state = item.blocked ? 'blocked' : item.findings.length ? 'warning' : 'ok'
          return (
            <li key={item.articleId} className={`preflight-item preflight-item-${state}`}>
              <div className="preflight-head">
                <span className={`badge preflight-badge-${state}`}>{t(`preflight.state.${state}`)}</span>
                <span className="preflight-title">{item.title || t('app:list.untitled')}</span>
                <span className="badge">{item.update ? t('preflight.update') : t('preflight.new')}</span>
                <span className="spacer" />
                <span className="row-actions">
                  <button type="button" className="button button-quiet button-small" onClick={() => onPreview(item.articleId)} aria-label={t('preflight.previewOf', { title: item.title || t('app:list.untitled') })}>
                    <Icon name="eye" size={14} />
                    <span>{t('preflight.preview')}</span>
                  </button>
                  <button type="button" className="button button-quiet button-small" onClick={() => onOpenArticle(item.articleId)} aria-label={t('preflight.openOf', { title: item.title || t('app:list.untitled') })}>
                    {t('preflight.open')}
                  </button>
                </span>
              </div>
              {item.findings.length ? (
                <ul className="findings">
                  {item.findings.map((finding, index) => (
                    <FindingLine key={index} finding={finding} />
                  ))}
                </ul>
              ) : null}
            </li>
          )
        })}
      </ol>
    </div>
  )
}
