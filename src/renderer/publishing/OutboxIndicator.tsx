import { useTranslation } from 'react-i18next'
import type { StateCounts } from '../../shared/publishing'
import { useFormat } from '../app/format'
import { Icon } from '../app/icons'
import { ariaShortcut, shortcutLabel, shortcuts } from '../app/shortcuts'
import { useOutboxCounts } from './useLive'

/** What the status bar says about the outbox: nothing to say, items on their way, or items that need the editor. */
export function outboxSummary(counts: StateCounts | null): { kind: 'idle' | 'busy' | 'attention'; busy: number; attention: number } {
  const busy = (counts?.queued ?? 0) + (counts?.sending ?? 0)
  const attention = (counts?.failed ?? 0) + (counts?.conflict ?? 0)
  return { kind: attention > 0 ? 'attention' : busy > 0 ? 'busy' : 'idle', busy, attention }
}

/** The status bar's way into publishing (Ctrl/Cmd+Shift+P), with the outbox's state in a few words. */
export function OutboxIndicator({ onOpen }: { onOpen(section: 'batch' | 'outbox'): void }) {
  const { t } = useTranslation(['publishing', 'app'])
  const { t: tApp } = useTranslation()
  const format = useFormat()
  const summary = outboxSummary(useOutboxCounts())
  const parts = [
    summary.busy > 0 ? t('indicator.busy', { count: summary.busy, formatted: format.number(summary.busy) }) : null,
    summary.attention > 0 ? t('indicator.attention', { count: summary.attention, formatted: format.number(summary.attention) }) : null,
  ].filter(Boolean)
  return (
    <button
      type="button"
      className={`button button-quiet button-small outbox-indicator outbox-${summary.kind}`}
      onClick={() => onOpen(summary.kind === 'idle' ? 'batch' : 'outbox')}
      aria-keyshortcuts={ariaShortcut(shortcuts.publishing)}
      data-tooltip={shortcutLabel(shortcuts.publishing, tApp)}
    >
      {summary.kind === 'attention' ? <Icon name="alert" size={14} /> : <Icon name="upload" size={14} />}
      <span>{t('indicator.label')}</span>
      {parts.length ? <span className="outbox-indicator-counts">{`· ${parts.join(' · ')}`}</span> : null}
    </button>
  )
}
