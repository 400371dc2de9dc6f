import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react'
import { createPortal } from 'react-dom'

const focusable =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"]), [contenteditable="true"]'

interface DialogProps {
  title: string
  onClose(): void
  children: ReactNode
  /** Extra class for size (e.g. "dialog-wide"). */
  className?: string
  /** Selector of the element to focus first; the first focusable one otherwise. */
  initialFocus?: string
}

/**
 * A modal dialog: the workspace behind it is inert, Tab cycles inside, Escape closes, and focus returns to where it
 * was. Rendered into <body> next to the app root, so making the root inert leaves the dialog usable.
 */
export function Dialog({ title, onClose, children, className, initialFocus }: DialogProps) {
  const ref = useRef<HTMLDivElement>(null)
  const titleId = useId()
  const closeRef = useRef(onClose)
  closeRef.current = onClose

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null
    const root = document.getElementById('root')
    const wasInert = root?.inert ?? false
    if (root) root.inert = true
    const box = ref.current!
    const first = (initialFocus && box.querySelector<HTMLElement>(initialFocus)) || box.querySelector<HTMLElement>(focusable) || box
    first.focus()
    return () => {
      if (root) root.inert = wasInert
      if (previous && previous.isConnected) previous.focus()
    }
  }, [initialFocus])

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation()
      event.preventDefault()
      closeRef.current()
      return
    }
    if (event.key !== 'Tab') return
    const items = [...ref.current!.querySelectorAll<HTMLElement>(focusable)].filter((el) => !el.closest('[hidden]'))
    if (items.length === 0) return event.preventDefault()
    const first = items[0]!
    const last = items[items.length - 1]!
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault()
      first.focus()
    }
  }

  return createPortal(
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && closeRef.current()}>
      <div
        ref={ref}
        className={`dialog ${className ?? ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        {children}
      </div>
    </div>,
    document.body,
  )
}
