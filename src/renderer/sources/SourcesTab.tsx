// Sources of an article as the side panel lists them; the citations issue adds adding, editing and citing them.
import { useTranslation } from 'react-i18next'
import type { CslItem } from '../../shared/citations'
import { useNotices } from '../app/notices'
import { useCall } from '../app/useCall'

/** "Berman BM, Langevin HH, Witt CM, Dubner R": family name and initials, as medical references write them. */
export function authorList(csl: CslItem): string {
  return (csl.author ?? [])
    .map((a) => {
      if (a.literal) return a.literal
      const initials = (a.given ?? '')
        .split(/[\s.-]+/)
        .filter(Boolean)
        .map((part) => part[0]!.toUpperCase())
        .join('')
      return [a.family, initials].filter(Boolean).join(' ')
    })
    .filter(Boolean)
    .join(', ')
}

export function issuedYear(csl: CslItem): string {
  const year = csl.issued?.['date-parts']?.[0]?.[0]
  return year === undefined ? '' : String(year)
}

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '')

export function SourcesTab({ articleId }: { articleId: string }) {
  const { t } = useTranslation()
  const { report } = useNotices()
  const sources = useCall('sources.forArticle', { articleId }, articleId, (e) => report(e, 'notices.sourcesFailed'))

  if (sources.loading && !sources.data) return <p className="panel-note">{t('common.loading')}</p>
  if (!sources.data) return <p className="panel-note">{t('panel.unavailable')}</p>
  if (sources.data.length === 0) return <p className="panel-empty">{t('sources.empty')}</p>
  return (
    <ol className="source-list">
      {sources.data.map(({ id, csl }) => {
        const volume = text(csl.volume)
        const issue = text(csl.issue)
        const page = text(csl.page)
        const journal = csl['container-title-short'] ? text(csl['container-title-short']) : text(csl['container-title'])
        return (
          <li key={id} className="source">
            <p className="source-authors">{authorList(csl) || t('sources.noAuthors')}</p>
            <p className="source-title" lang={text(csl.language) || undefined}>
              {csl.title || t('sources.noTitle')}
            </p>
            <p className="source-meta">
              {[journal, issuedYear(csl)].filter(Boolean).join(' ')}
              {volume ? `;${volume}` : ''}
              {issue ? `(${issue})` : ''}
              {page ? `:${page}` : ''}
            </p>
            {csl.DOI || csl.PMID ? (
              <dl className="source-ids">
                {csl.DOI ? (
                  <>
                    <dt>{t('sources.doi')}</dt>
                    <dd>{csl.DOI}</dd>
                  </>
                ) : null}
                {csl.PMID ? (
                  <>
                    <dt>{t('sources.pmid')}</dt>
                    <dd>{csl.PMID}</dd>
                  </>
                ) : null}
              </dl>
            ) : null}
          </li>
        )
      })}
    </ol>
  )
}
