import { useTranslation } from 'react-i18next'
import type { ArticleStatus } from '../../shared/articles'

export function StatusBadge({ status }: { status: ArticleStatus }) {
  const { t } = useTranslation()
  return <span className={`badge status-${status}`}>{t(`status.${status}`)}</span>
}
