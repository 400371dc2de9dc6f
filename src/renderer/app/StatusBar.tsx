import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { UiLanguage } from '../../shared/settings'
import { OutboxIndicator } from '../publishing/OutboxIndicator'

const languages: UiLanguage[] = ['nl', 'en']

interface StatusBarProps {
  children?: ReactNode
  onLanguage(language: UiLanguage): void
  onHelp(): void
  helpShortcut: string
  /** Opens publishing at the batch view, or at the outbox when something there is on its way or needs the editor. */
  onPublishing(section: 'batch' | 'outbox'): void
}

export function StatusBar({ children, onLanguage, onHelp, helpShortcut, onPublishing }: StatusBarProps) {
  const { t, i18n } = useTranslation()
  return (
    <footer className="status-bar">
      <div className="status-left">{children}</div>
      <div className="status-right">
        <OutboxIndicator onOpen={onPublishing} />
        <button type="button" className="button button-quiet button-small" onClick={onHelp} data-tooltip={helpShortcut}>
          {t('statusBar.shortcuts')}
        </button>
        <label className="language-switch">
          <span className="visually-hidden">{t('statusBar.language')}</span>
          <select value={i18n.language} onChange={(e) => onLanguage(e.target.value as UiLanguage)}>
            {languages.map((language) => (
              <option key={language} value={language} lang={language}>
                {t(`languageName.${language}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
    </footer>
  )
}
