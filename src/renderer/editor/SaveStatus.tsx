import { useTranslation } from 'react-i18next'
import { useFormat } from '../app/format'
import { Icon } from '../app/icons'
import type { SaveState } from './autosave'

export function saveStatusText(state: SaveState, t: (key: string, options?: Record<string, unknown>) => string, when: (iso: string) => string): string {
  switch (state.kind) {
    case 'saved':
      return t('save.saved', { time: when(state.at) })
    case 'unsaved':
      return t('save.unsaved')
    case 'saving':
      return t('save.saving')
    case 'error':
      return `${t(state.retryAt === null ? 'save.failed' : 'save.failedRetrying', { reason: t(`errors.${state.code}`) })}${state.kept ? ` ${t('save.keptSuffix')}` : ''}`
    case 'conflict':
      return t('save.conflict')
  }
}

interface SaveStatusProps {
  state: SaveState
  onRetry(): void
}

/** The truth about saving, in a polite live region; a retry button when a save failed. */
export function SaveStatus({ state, onRetry }: SaveStatusProps) {
  const { t } = useTranslation()
  const format = useFormat()
  const text = saveStatusText(state, t, (iso) => format.when(iso))
  return (
    <div className={`save-status save-${state.kind}`}>
      <span className="save-dot" aria-hidden="true">
        {state.kind === 'error' || state.kind === 'conflict' ? <Icon name="alert" size={14} /> : null}
        {state.kind === 'saved' ? <Icon name="check" size={14} /> : null}
      </span>
      <span role="status" aria-live="polite" className="save-text">
        {text}
      </span>
      {state.kind === 'error' ? (
        <button type="button" className="button button-small" onClick={onRetry}>
          {t('save.retry')}
        </button>
      ) : null}
    </div>
  )
}
