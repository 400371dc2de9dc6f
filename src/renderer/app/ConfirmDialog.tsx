import { useTranslation } from 'react-i18next'
import { Dialog } from './Dialog'

interface ConfirmDialogProps {
  title: string
  message: string
  confirmLabel: string
  onConfirm(): void
  onCancel(): void
  danger?: boolean
}

/** A yes/no question before something that changes the archive; Cancel has the focus, Escape cancels. */
export function ConfirmDialog({ title, message, confirmLabel, onConfirm, onCancel, danger }: ConfirmDialogProps) {
  const { t } = useTranslation()
  return (
    <Dialog title={title} onClose={onCancel} className="dialog-small" initialFocus="[data-cancel]">
      <p className="dialog-message">{message}</p>
      <div className="dialog-actions">
        <span className="spacer" />
        <button type="button" className="button" data-cancel onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="button" className={`button ${danger ? 'button-danger' : 'button-primary'}`} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  )
}
