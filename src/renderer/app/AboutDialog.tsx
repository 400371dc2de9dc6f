import { useTranslation } from 'react-i18next'
import { Dialog } from './Dialog'
import { useNotices } from './notices'
import { useCall } from './useCall'

export function AboutDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation()
  const { report } = useNotices()
  const info = useCall('app.info', {}, 'about', (e) => report(e, 'notices.infoFailed'))
  return (
    <Dialog title={t('about.title')} onClose={onClose} className="dialog-small">
      <p className="dialog-message">{t('about.tagline')}</p>
      {info.data ? (
        <dl className="about-facts">
          <dt>{t('about.version')}</dt>
          <dd>{info.data.version}</dd>
          <dt>{t('about.archive')}</dt>
          <dd className="path">{info.data.archivePath}</dd>
          <dt>{t('about.host')}</dt>
          <dd>{t(`about.hosts.${info.data.host}`)}</dd>
        </dl>
      ) : null}
      <div className="dialog-actions">
        <span className="spacer" />
        <button type="button" className="button button-primary" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  )
}
