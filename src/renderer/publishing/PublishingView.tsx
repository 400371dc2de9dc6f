// Publishing: batches to a site with pre-flight and live progress, the outbox, sites, imports and the published preview.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../app/format'
import { Icon, type IconName } from '../app/icons'
import { ariaShortcut, shortcutLabel, shortcuts } from '../app/shortcuts'
import { BatchSection } from './BatchSection'
import { ImportSection } from './ImportSection'
import { OutboxSection } from './OutboxSection'
import { outboxSummary } from './OutboxIndicator'
import { PreviewSection } from './PreviewSection'
import { SitesSection } from './SitesSection'
import { useOutboxCounts, useSites } from './useLive'

export const sections = ['batch', 'outbox', 'sites', 'import', 'preview'] as const
export type PublishingSection = (typeof sections)[number]

export interface PublishingRoute {
  section: PublishingSection
  /** The article the preview shows, or the one a new batch starts with. */
  articleId?: string
  /** Opens the site form at once (from "add a site" elsewhere). */
  addSite?: boolean
  /** Changes with every navigation, so asking for the same section again still moves focus there. */
  token?: number
}

const icons: Record<PublishingSection, IconName> = { batch: 'upload', outbox: 'inbox', sites: 'site', import: 'download', preview: 'eye' }

interface PublishingViewProps {
  route: PublishingRoute
  onRoute(route: PublishingRoute): void
  /** Back to writing; with an id, that article is opened there. */
  onClose(articleId?: string): void
  /** The article open in the editor (what "preview" shows by default). */
  openArticleId: string | null
}

/**
 * The publishing workspace in place of the editor: a navigation pane of sections (a vertical tablist: arrow keys
 * move, F6 reaches it) and the chosen section in the main pane. Sections stay mounted once visited, so a batch in
 * progress or a half-filled filter survives a look at another section.
 */
export function PublishingView({ route, onRoute, onClose, openArticleId }: PublishingViewProps) {
  const { t } = useTranslation(['publishing', 'app'])
  const { t: tApp } = useTranslation()
  const format = useFormat()
  const baseId = useId()
  const sites = useSites()
  const counts = outboxSummary(useOutboxCounts())
  const [visited, setVisited] = useState<Set<PublishingSection>>(() => new Set([route.section]))
  const listRef = useRef<HTMLDivElement>(null)
  const mainRef = useRef<HTMLElement>(null)
  const section = route.section
  const previewId = route.section === 'preview' ? (route.articleId ?? openArticleId) : openArticleId

  useEffect(() => {
    setVisited((v) => (v.has(section) ? v : new Set([...v, section])))
  }, [section])

  // Arriving from elsewhere (the menu, the status bar, another section's link) the keyboard goes to the section's
  // heading; choosing a tab leaves it on the tab (the tabs pattern).
  const sectionRef = useRef(section)
  sectionRef.current = section
  useEffect(() => {
    requestAnimationFrame(() => mainRef.current?.querySelector<HTMLElement>(`[data-section="${sectionRef.current}"] h2`)?.focus())
  }, [route.token])

  const go = (next: PublishingSection, extra: Omit<PublishingRoute, 'section'> = {}) => onRoute({ section: next, token: Date.now(), ...extra })

  const onKeyDown = (event: KeyboardEvent) => {
    const index = sections.indexOf(section)
    const next = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: sections.length - 1 }[event.key]
    if (next === undefined) return
    event.preventDefault()
    const target = sections[(next + sections.length) % sections.length]!
    onRoute({ section: target, token: route.token })
    listRef.current?.querySelector<HTMLElement>(`[data-section-tab="${target}"]`)?.focus()
  }

  const problems = (sites.data ?? []).filter((s) => s.problem).length
  /** A count beside a section, said in words to a screen reader (the figure alone is decoration). */
  const badge = (id: PublishingSection) => {
    const [value, words, danger] =
      id === 'outbox' && counts.attention > 0
        ? [counts.attention, t('nav.attention', { count: counts.attention }), true]
        : id === 'outbox' && counts.busy > 0
          ? [counts.busy, t('nav.busy', { count: counts.busy }), false]
          : id === 'sites' && problems > 0
            ? [problems, t('nav.siteProblems', { count: problems }), true]
            : [0, '', false]
    if (!value) return null
    return (
      <>
        <span className={`nav-badge${danger ? ' nav-badge-danger' : ''}`} aria-hidden="true">
          {format.number(value)}
        </span>
        <span className="visually-hidden">{words}</span>
      </>
    )
  }

  return (
    <>
      <nav className="list-pane publishing-nav" aria-labelledby={`${baseId}-heading`}>
        <h2 id={`${baseId}-heading`} className="publishing-nav-heading">
          {t('nav.heading')}
        </h2>
        <div className="publishing-tabs" role="tablist" aria-orientation="vertical" aria-labelledby={`${baseId}-heading`} ref={listRef} onKeyDown={onKeyDown}>
          {sections.map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              data-section-tab={id}
              id={`${baseId}-tab-${id}`}
              aria-selected={id === section}
              aria-controls={`${baseId}-panel-${id}`}
              tabIndex={id === section ? 0 : -1}
              className="publishing-tab"
              onClick={() => onRoute({ section: id, token: route.token })}
            >
              <Icon name={icons[id]} size={16} />
              <span className="publishing-tab-label">{t(`nav.sections.${id}`)}</span>
              {badge(id)}
            </button>
          ))}
        </div>
        <span className="spacer" />
        <button
          type="button"
          className="button publishing-back"
          onClick={() => onClose()}
          aria-keyshortcuts={ariaShortcut(shortcuts.publishing)}
          data-tooltip={shortcutLabel(shortcuts.publishing, tApp)}
        >
          <Icon name="chevron-left" size={16} />
          <span>{t('nav.back')}</span>
        </button>
      </nav>
      <main className="editor-pane publishing-main" ref={mainRef}>
        {sections.map((id) =>
          visited.has(id) || id === section ? (
            <div
              key={id}
              role="tabpanel"
              id={`${baseId}-panel-${id}`}
              aria-labelledby={`${baseId}-tab-${id}`}
              hidden={id !== section}
              data-section={id}
              className="publishing-panel"
            >
              {id === 'batch' ? <BatchSection sites={sites.data} request={route.section === 'batch' && route.articleId ? { articleId: route.articleId, token: route.token ?? 0 } : undefined} onGo={go} onOpenArticle={onClose} /> : null}
              {id === 'outbox' ? <OutboxSection sites={sites.data} onOpenArticle={onClose} /> : null}
              {id === 'sites' ? <SitesSection sites={sites.data} loading={sites.loading} addSite={route.section === 'sites' && !!route.addSite} /> : null}
              {id === 'import' ? <ImportSection sites={sites.data} onGo={go} /> : null}
              {id === 'preview' ? <PreviewSection articleId={previewId} onOpenArticle={onClose} onPublish={(articleId) => go('batch', { articleId })} /> : null}
            </div>
          ) : null,
        )}
      </main>
    </>
  )
}
