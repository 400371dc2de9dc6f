import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ArticleStatus, type StatusFilter } from '../../shared/articles'
import { call } from '../api'
import { StatusBadge } from '../articles/StatusBadge'
import { useArticleSearch } from '../articles/useArticleSearch'
import { useFormat } from '../app/format'
import { Icon } from '../app/icons'
import { shortcutLabel } from '../app/shortcuts'

const filters: StatusFilter[] = ['ready', 'all', ...ArticleStatus.options.filter((s) => s !== 'ready')]

interface ArticlePickerProps {
  selected: ReadonlySet<string>
  onChange(next: Set<string>): void
  /** Enter in the list: go on with what is selected (the pre-flight check). */
  onSubmit(): void
  onError(error: unknown): void
}

/** Every article with a status, paging through the search 500 at a time ("select all ready" means all of them). */
async function allIds(status: StatusFilter, query: string): Promise<string[]> {
  const ids: string[] = []
  for (let offset = 0; ; offset += 500) {
    const page = await call('articles.find', { query, status, limit: 500, offset })
    ids.push(...page.items.map((item) => item.id))
    if (page.items.length < 500 || ids.length >= page.total) return ids
  }
}

/**
 * Choosing the articles of a batch: a multi-select listbox (one tab stop; arrows, Home/End and Page keys move, Space
 * or X toggles, Ctrl/Cmd+A selects everything listed, Enter goes on), ready articles first.
 */
export function ArticlePicker({ selected, onChange, onSubmit, onError }: ArticlePickerProps) {
  const { t } = useTranslation(['publishing', 'app'])
  // Key names (Ctrl, ⌘) are the workspace's words: shortcutLabel asks the app namespace.
  const { t: tApp } = useTranslation()
  const format = useFormat()
  const [query, setQuery] = useState('')
  const [status, setStatus] = useState<StatusFilter>('ready')
  const search = useArticleSearch(query, status, 0, onError)
  const [activeId, setActiveId] = useState<string | null>(null)
  const [selecting, setSelecting] = useState(false)
  const listRef = useRef<HTMLUListElement>(null)
  const baseId = useId()
  const optionId = (id: string) => `${baseId}-${id}`
  const items = search.items
  const activeIndex = Math.max(0, items.findIndex((item) => item.id === activeId))
  const active = items[activeIndex]

  useEffect(() => setActiveId(null), [query, status])

  const toggle = (id: string) => {
    const next = new Set(selected)
    if (next.has(id)) next.delete(id)
    else next.add(id)
    onChange(next)
  }

  const moveTo = (index: number) => {
    if (items.length === 0) return
    const next = Math.min(items.length - 1, Math.max(0, index))
    setActiveId(items[next]!.id)
    document.getElementById(optionId(items[next]!.id))?.scrollIntoView?.({ block: 'nearest' })
    if (next >= items.length - 5 && search.hasMore) search.loadMore()
  }

  const selectAll = async (filter: StatusFilter, words: string) => {
    setSelecting(true)
    try {
      onChange(new Set([...selected, ...(await allIds(filter, words))]))
    } catch (error) {
      onError(error)
    } finally {
      setSelecting(false)
    }
  }

  const onListKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const mod = event.ctrlKey || event.metaKey
    if (mod && event.key.toLowerCase() === 'a' && !event.shiftKey && !event.altKey) {
      event.preventDefault()
      void selectAll(status, query)
      return
    }
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(activeIndex + 1),
      ArrowUp: () => moveTo(activeIndex - 1),
      Home: () => moveTo(0),
      End: () => moveTo(items.length - 1),
      PageDown: () => moveTo(activeIndex + 10),
      PageUp: () => moveTo(activeIndex - 10),
      ' ': () => active && toggle(active.id),
      x: () => active && toggle(active.id),
      X: () => active && toggle(active.id),
      Enter: () => selected.size > 0 && onSubmit(),
    }
    const action = keys[event.key]
    if (!action || mod || event.altKey) return
    event.preventDefault()
    action()
  }

  const countLabel = (filter: StatusFilter) => {
    const count = search.counts?.[filter]
    return count === undefined ? t(`app:status.${filter}`) : t('app:list.filterOption', { status: t(`app:status.${filter}`), formatted: format.number(count) })
  }

  return (
    <div className="picker">
      <div className="picker-tools">
        <div className="search-field">
          <Icon name="search" size={16} />
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown' && items.length) {
                e.preventDefault()
                listRef.current?.focus()
              }
            }}
            aria-label={t('picker.search')}
            placeholder={t('picker.searchPlaceholder')}
            aria-controls={`${baseId}-list`}
            maxLength={1000}
            spellCheck={false}
          />
        </div>
        <select value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)} aria-label={t('picker.filter')}>
          {filters.map((filter) => (
            <option key={filter} value={filter}>
              {countLabel(filter)}
            </option>
          ))}
        </select>
        <button type="button" className="button" onClick={() => void selectAll('ready', '')} disabled={selecting}>
          <Icon name="check" size={16} />
          <span>{t('picker.selectAllReady')}</span>
        </button>
        <button type="button" className="button button-quiet" onClick={() => onChange(new Set())} disabled={selected.size === 0}>
          {t('picker.clear')}
        </button>
      </div>
      <p className="picker-hint" id={`${baseId}-hint`}>
        {t('picker.hint', { all: shortcutLabel({ mod: true, key: 'a' }, tApp) })}
      </p>
      {items.length === 0 && !search.loading ? <p className="picker-empty">{status === 'ready' && !query ? t('picker.noReady') : t('picker.none')}</p> : null}
      <div className="picker-scroll">
        <ul
          ref={listRef}
          id={`${baseId}-list`}
          className="picker-items"
          role="listbox"
          aria-multiselectable="true"
          aria-label={t('picker.label')}
          aria-describedby={`${baseId}-hint`}
          tabIndex={0}
          aria-activedescendant={active ? optionId(active.id) : undefined}
          aria-busy={search.loading}
          onKeyDown={onListKeyDown}
        >
          {items.map((item) => {
            const isSelected = selected.has(item.id)
            return (
              <li
                key={item.id}
                id={optionId(item.id)}
                role="option"
                aria-selected={isSelected}
                className={`picker-item${isSelected ? ' is-selected' : ''}${item.id === active?.id ? ' is-active' : ''}`}
                onMouseDown={(event) => {
                  event.preventDefault()
                  listRef.current?.focus({ preventScroll: true })
                }}
                onClick={() => {
                  setActiveId(item.id)
                  toggle(item.id)
                }}
              >
                <span className="picker-check" aria-hidden="true">
                  {isSelected ? <Icon name="check" size={14} /> : null}
                </span>
                <span className="picker-title">{item.title || t('app:list.untitled')}</span>
                <span className="picker-meta">
                  <StatusBadge status={item.status} />
                  <time dateTime={item.updatedAt}>{format.when(item.updatedAt)}</time>
                  {item.language !== 'nl' ? <span className="lang-tag">{t(`app:languageCode.${item.language}`)}</span> : null}
                </span>
              </li>
            )
          })}
        </ul>
        {search.hasMore ? (
          <div className="list-more">
            <button type="button" className="button button-quiet" onClick={search.loadMore}>
              {t('picker.more')}
            </button>
          </div>
        ) : null}
      </div>
    </div>
  )
}
