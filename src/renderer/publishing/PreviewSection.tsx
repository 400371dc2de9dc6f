import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { Preview } from '../../shared/publishing'
import { Icon } from '../app/icons'
import { useNotices } from '../app/notices'
import { useCall } from '../app/useCall'
import { usePlaceholderLabels } from './ConflictDialog'
import { displayHtml, stayInPlace } from './display-html'

interface PreviewSectionProps {
  articleId: string | null
  onOpenArticle(id: string): void
  onPublish(id: string): void
}

/** The article as the site will receive it (main's rendering and sanitizing), read-only, before anything is sent. */
export function PreviewSection({ articleId, onOpenArticle, onPublish }: PreviewSectionProps) {
  const { t } = useTranslation('publishing')
  return (
    <section className="publishing-section preview-section">
      <h2 className="section-heading" tabIndex={-1}>
        {t('preview.heading')}
      </h2>
      {articleId ? (
        <LoadedPreview key={articleId} articleId={articleId} onOpenArticle={onOpenArticle} onPublish={onPublish} />
      ) : (
        <p className="empty-card">{t('preview.noArticle')}</p>
      )}
    </section>
  )
}

function LoadedPreview({ articleId, onOpenArticle, onPublish }: { articleId: string } & Omit<PreviewSectionProps, 'articleId'>) {
  const { t } = useTranslation(['publishing', 'app'])
  const { report } = useNotices()
  const preview = useCall('publishing.preview', { articleId }, articleId, (e) => report(e, 'publishing:notices.previewFailed'))
  return (
    <>
      <div className="section-toolbar">
        <p className="section-note">{t('preview.intro')}</p>
        <span className="spacer" />
        <button type="button" className="button" onClick={preview.reload} disabled={preview.loading}>
          <Icon name="retry" size={16} />
          <span>{t('preview.refresh')}</span>
        </button>
        <button type="button" className="button" onClick={() => onOpenArticle(articleId)}>
          <Icon name="edit" size={16} />
          <span>{t('preview.edit')}</span>
        </button>
        <button type="button" className="button button-primary" onClick={() => onPublish(articleId)}>
          <Icon name="upload" size={16} />
          <span>{t('preview.publish')}</span>
        </button>
      </div>
      {preview.loading && !preview.data ? <p className="section-note">{t('app:common.loading')}</p> : null}
      {preview.data ? <PublishedArticle preview={preview.data} /> : null}
    </>
  )
}

export function PublishedArticle({ preview }: { preview: Preview }) {
  const { t } = useTranslation(['publishing', 'app'])
  const labels = usePlaceholderLabels()
  const html = useMemo(() => displayHtml(preview.html, labels), [preview.html, labels])
  const title = preview.title || t('app:list.untitled')
  return (
    <>
      {preview.removed.length ? (
        <div className="banner banner-danger" role="alert">
          <Icon name="alert" size={16} />
          <p>{t('preview.removed', { removed: preview.removed.join(', ') })}</p>
        </div>
      ) : null}
      <div className="preview-scroll">
        {/* A focusable region, so the keyboard can scroll a long article; links inside go nowhere. */}
        <article className="published-preview published-text" lang={preview.language} aria-label={t('preview.label', { title })} tabIndex={0} onClick={stayInPlace} onAuxClick={stayInPlace}>
          <h1>{title}</h1>
          {preview.excerpt ? <p className="published-excerpt">{preview.excerpt}</p> : null}
          <div dangerouslySetInnerHTML={{ __html: html }} />
        </article>
      </div>
    </>
  )
}
