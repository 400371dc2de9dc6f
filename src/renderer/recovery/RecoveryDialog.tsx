// Text that never reached the archive (full disk, read-only file), offered back at start: restore it or let it go.
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RecoveryEntry } from '../../shared/recovery'
import { call } from '../api'
import { Dialog } from '../app/Dialog'
import { useFormat } from '../app/format'
import { useNotices } from '../app/notices'

interface RecoveryDialogProps {
  /** The recovered text is now the article's newest revision: show it. */
  onRestored(articleId: string): void
}

export function RecoveryDialog({ onRestored }: RecoveryDialogProps) {
  const { t } = useTranslation()
  const format = useFormat()
  const { report, inform } = useNotices()
  const [entries, setEntries] = useState<RecoveryEntry[]>([])
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    call('recovery.list', {}).then(setEntries, (error) => report(error, 'notices.recoveryFailed'))
    call('app.info', {}).then(
      (info) => info.archiveWarnings.includes('journal-missing') && inform('notices.journalMissing'),
      (error) => report(error, 'notices.infoFailed'),
    )
  }, [report, inform])

  if (entries.length === 0) return null
  const settle = async (entry: RecoveryEntry, restore: boolean) => {
    setBusy(true)
    try {
      if (restore) {
        await call('recovery.restore', { articleId: entry.articleId })
        onRestored(entry.articleId)
      } else await call('recovery.discard', { articleId: entry.articleId })
      setEntries((list) => list.filter((e) => e.articleId !== entry.articleId))
    } catch (error) {
      report(error, 'notices.recoveryFailed')
    } finally {
      setBusy(false)
    }
  }
  return (
    <Dialog title={t('recovery.title')} onClose={() => setEntries([])} className="dialog-small" initialFocus="[data-restore]">
      <p className="dialog-message">{t('recovery.intro')}</p>
      <ul className="recovery-list">
        {entries.map((entry, index) => (
          <li key={entry.articleId} className="recovery-entry">
            <p>
              <strong>{entry.title || t('list.untitled')}</strong>
              <br />
              <span className="recovery-meta">
                {t('recovery.kept', { when: format.when(entry.keptAt), reason: t(`errors.${entry.reason}`, { defaultValue: entry.reason }) })}
              </span>
            </p>
            <div className="dialog-actions">
              <button type="button" disabled={busy} onClick={() => void settle(entry, false)}>
                {t('recovery.discard')}
              </button>
              <button type="button" className="primary" disabled={busy} data-restore={index === 0 ? '' : undefined} onClick={() => void settle(entry, true)}>
                {t('recovery.restore')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </Dialog>
  )
}
