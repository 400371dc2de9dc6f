import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

export const panelTabs = ['details', 'sources', 'quotes', 'comments', 'history'] as const
export type PanelTab = (typeof panelTabs)[number]

interface SidePanelProps {
  tab: PanelTab
  onTab(tab: PanelTab): void
  children: ReactNode
}

/** The right-hand panel: tabs (ARIA tabs pattern, arrow keys between them) over the article's details and library. */
export function SidePanel({ tab, onTab, children }: SidePanelProps) {
  const { t } = useTranslation()
  const baseId = useId()
  const listRef = useRef<HTMLDivElement>(null)

  const onKeyDown = (event: KeyboardEvent) => {
    const index = panelTabs.indexOf(tab)
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: panelTabs.length - 1 }[event.key]
    if (next === undefined) return
    event.preventDefault()
    const target = panelTabs[(next + panelTabs.length) % panelTabs.length]!
    onTab(target)
    listRef.current?.querySelector<HTMLElement>(`[data-tab="${target}"]`)?.focus()
  }

  return (
    <div className="side-panel">
      <div className="tabs" role="tablist" aria-label={t('panel.label')} ref={listRef} onKeyDown={onKeyDown}>
        {panelTabs.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            data-tab={id}
            id={`${baseId}-${id}`}
            aria-selected={id === tab}
            aria-controls={`${baseId}-panel`}
            tabIndex={id === tab ? 0 : -1}
            className="tab"
            onClick={() => onTab(id)}
          >
            {t(`panel.tabs.${id}`)}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel" id={`${baseId}-panel`} aria-labelledby={`${baseId}-${tab}`} tabIndex={-1}>
        {children}
      </div>
    </div>
  )
}
