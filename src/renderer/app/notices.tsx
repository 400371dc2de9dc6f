import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { asApiError } from '../api'
import type { ErrorCode } from '../../shared/errors'
import { Icon } from './icons'

/** What went wrong, kept as keys so the text follows a language switch. */
export interface Notice {
  id: number
  /** app.json key of what was being done ("notices.openFailed"). */
  action: string
  code?: ErrorCode
  kind: 'error' | 'info'
}

interface NoticeApi {
  /** Shows a failed call: what was being done and why, from the error's code. Never silent. */
  report(error: unknown, action: string): void
  inform(action: string): void
  dismiss(id: number): void
  notices: Notice[]
}

const NoticeContext = createContext<NoticeApi | null>(null)
let nextId = 1

export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([])
  const add = useCallback((notice: Omit<Notice, 'id'>) => {
    setNotices((list) => {
      // The same failure twice in a row is one notice, not a growing pile.
      const rest = list.filter((n) => !(n.action === notice.action && n.code === notice.code))
      return [...rest, { ...notice, id: nextId++ }].slice(-4)
    })
  }, [])
  // report/inform/dismiss keep their identity as notices come and go: effects that depend on them must not re-run.
  const actions = useMemo(
    () => ({
      report: (error: unknown, action: string) => {
        const apiError = asApiError(error)
        console.error(`Kopij: ${action}`, apiError.code, apiError.message)
        add({ action, code: apiError.code, kind: 'error' })
      },
      inform: (action: string) => add({ action, kind: 'info' }),
      dismiss: (id: number) => setNotices((list) => list.filter((n) => n.id !== id)),
    }),
    [add],
  )
  const api = useMemo<NoticeApi>(() => ({ ...actions, notices }), [actions, notices])
  return <NoticeContext.Provider value={api}>{children}</NoticeContext.Provider>
}

export function useNotices(): NoticeApi {
  const api = useContext(NoticeContext)
  if (!api) throw new Error('useNotices outside NoticeProvider')
  return api
}

export function NoticeList() {
  const { t } = useTranslation()
  const { notices, dismiss } = useNotices()
  return (
    <div className="notices" role="alert" aria-live="assertive">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice-${notice.kind}`}>
          <p>
            <strong>{t(notice.action)}</strong> {notice.code ? t(`errors.${notice.code}`) : null}
          </p>
          <button type="button" className="icon-button" onClick={() => dismiss(notice.id)} aria-label={t('notices.dismiss')}>
            <Icon name="close" />
          </button>
        </div>
      ))}
    </div>
  )
}
