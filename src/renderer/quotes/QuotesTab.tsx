// Quotes of an article: original passages with their translation. The quotes issue fills this; until then it says so.
import { useTranslation } from 'react-i18next'

export function QuotesTab() {
  const { t } = useTranslation()
  return (
    <div className="panel-empty">
      <p>{t('quotes.empty')}</p>
      <p className="panel-note">{t('quotes.how')}</p>
    </div>
  )
}
