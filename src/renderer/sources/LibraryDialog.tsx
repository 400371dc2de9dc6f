import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { SourceSummary } from '../../shared/citations'
import { call, on } from '../api'
import { Dialog } from '../app/Dialog'
import { useFormat } from '../app/format'
import { Icon } from '../app/icons'
import { useNotices } from '../app/notices'
import { looksLikeIdentifier, sourceLine } from '../citations/CitationPicker'
import { DuplicatesPanel } from './DuplicatesPanel'
import { ImportPanel } from './ImportPanel'
import { SourceForm } from './SourceForm'

type View = 'browse' | 'import' | 'duplicates'
const views: View[] = ['browse', 'import', 'duplicates']

/** Whether sources made from a DOI or PMID are filled from Crossref and PubMed: the one setting of the library. */
function LookupSwitch() {
  const { t } = useTranslation(['citations', 'app'])
  const { report } = useNotices()
  const [enabled, setEnabled] = useState<boolean | null>(null)
  useEffect(() => {
    call('citations.settings', {})
      .then((s) => setEnabled(s.onlineLookups))
      .catch((error) => report(error, 'citations:notices.settingsFailed'))
    return on('citations.settingsChanged', (s) => setEnabled(s.onlineLookups))
  }, [report])
  if (enabled === null) return null
  return (
    <label className="checkbox lookup-switch">
      <input
        type="checkbox"
        checked={enabled}
        onChange={(e) => {
          const next = e.target.checked
          setEnabled(next)
          call('citations.updateSettings', { onlineLookups: next }).catch((error) => report(error, 'citations:notices.settingsFailed'))
        }}
      />
      <span>{t('library.lookups')}</span>
    </label>
  )
}

/** The whole source library: search, edit, import, and duplicates to merge. A modal dialog over the workspace. */
export function LibraryDialog({ initialSourceId, onClose }: { initialSourceId?: string; onClose(): void }) {
  const { t } = useTranslation(['citations', 'app'])
  const format = useFormat()
  const { report } = useNotices()
  const [view, setView] = useState<View>('browse')
  const [query, setQuery] = useState('')
  const [found, setFound] = useState<{ items: SourceSummary[]; total: number; totalIsLowerBound: boolean } | null>(null)
  const [selected, setSelected] = useState<string | 'new' | null>(initialSourceId ?? null)
  const [tick, setTick] = useState(0)
  const seq = useRef(0)
  const listRef = useRef<HTMLUListElement>(null)

  const refresh = useCallback(() => setTick((n) => n + 1), [])
  useEffect(() => on('sources.changed', refresh), [refresh])
  useEffect(() => {
    const id = ++seq.current
    call('sources.search', { query, citedIds: [], limit: 100, offset: 0 })
      .then((result) => id === seq.current && setFound(result))
      .catch((error) => report(error, 'citations:notices.searchFailed'))
  }, [query, tick, report])

  const fromIdentifier = async () => {
    try {
      const made = await call('sources.fromIdentifier', { text: query })
      setQuery('')
      setSelected(made.source.id)
    } catch (error) {
      report(error, 'citations:notices.identifierFailed')
    }
  }

  const onListKey = (event: KeyboardEvent<HTMLUListElement>) => {
    const items = found?.items ?? []
    const index = items.findIndex((s) => s.id === selected)
    const next = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: items.length - 1 }[event.key]
    if (next === undefined || items.length === 0) return
    event.preventDefault()
    const target = items[Math.max(0, Math.min(items.length - 1, next))]!
    setSelected(target.id)
    listRef.current?.querySelector<HTMLElement>(`[data-id="${CSS.escape(target.id)}"]`)?.scrollIntoView({ block: 'nearest' })
  }

  return (
    <Dialog title={t('library.title')} onClose={onClose} className="dialog-library" initialFocus="input[type='search']">
      <div className="library-views" role="group" aria-label={t('library.views')}>
        {views.map((v) => (
          <button key={v} type="button" className={`library-view${view === v ? ' is-current' : ''}`} aria-pressed={view === v} onClick={() => setView(v)}>
            {t(`library.view.${v}`)}
          </button>
        ))}
      </div>
      <div className="library-body">
        {view === 'browse' ? (
          <div className="library-browse">
            <div className="library-list-pane">
              <div className="library-search">
                <input type="search" aria-label={t('library.search')} placeholder={t('picker.placeholder')} value={query} onChange={(e) => setQuery(e.target.value)} />
                <button type="button" className="button button-small" onClick={() => setSelected('new')}>
                  <Icon name="plus" size={16} />
                  <span>{t('library.new')}</span>
                </button>
              </div>
              {looksLikeIdentifier(query) ? (
                <button type="button" className="button button-small library-identifier" onClick={() => void fromIdentifier()}>
                  {t('picker.fromIdentifier', { identifier: query.trim() })}
                </button>
              ) : null}
              <p className="panel-note" aria-live="polite">
                {found ? t(found.totalIsLowerBound ? 'library.countMore' : 'library.count', { count: found.total, formatted: format.number(found.total) }) : t('app:common.loading')}
              </p>
              <ul ref={listRef} className="library-list" role="listbox" aria-label={t('library.list')} tabIndex={0} onKeyDown={onListKey} aria-activedescendant={selected && selected !== 'new' ? `library-${selected}` : undefined}>
                {found?.items.map((source) => (
                  <li key={source.id} id={`library-${source.id}`} data-id={source.id} role="option" aria-selected={source.id === selected} className={`library-item${source.id === selected ? ' is-active' : ''}`} onClick={() => setSelected(source.id)}>
                    <span className="library-item-line">{sourceLine(source) || source.id}</span>
                    <span className="library-item-meta">
                      {[source.journal, source.doi && `doi:${source.doi}`, source.pmid && `PMID ${source.pmid}`].filter(Boolean).join(' · ')}
                      {source.provisional ? <span className="source-badge source-badge-quiet">{t('library.provisional')}</span> : null}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
            <div className="library-form-pane">
              {selected ? (
                <SourceForm
                  key={selected}
                  sourceId={selected === 'new' ? null : selected}
                  onSaved={(id) => {
                    setSelected(id)
                    refresh()
                  }}
                  onDeleted={() => {
                    setSelected(null)
                    refresh()
                  }}
                />
              ) : (
                <p className="panel-empty">{t('library.choose')}</p>
              )}
            </div>
          </div>
        ) : null}
        {view === 'import' ? <ImportPanel onDone={refresh} /> : null}
        {view === 'duplicates' ? <DuplicatesPanel onMerged={refresh} /> : null}
      </div>
      <div className="dialog-actions">
        <LookupSwitch />
        <span className="spacer" />
        <button type="button" className="button" onClick={onClose}>
          {t('library.close')}
        </button>
      </div>
    </Dialog>
  )
}
