// Finding and opening articles: search with highlighted hits, a status filter, paging, and a keyboard-driven list.
import { useEffect, useId, useRef, useState, type KeyboardEvent, type Ref } from 'react'
import { useTranslation } from 'react-i18next'
import { ArticleStatus, type ArticleListItem, type StatusFilter } from '../../shared/articles'
import { useFormat } from '../app/format'
import { Icon } from '../app/icons'
import { ariaShortcut, shortcutLabel, shortcuts } from '../app/shortcuts'
import { HighlightedText } from './HighlightedText'
import { StatusBadge } from './StatusBadge'
import { useArticleSearch } from './useArticleSearch'

const filters: StatusFilter[] = ['all', ...ArticleStatus.options]

interface ArticleListProps {
  openId: string | null
  onOpen(id: string): void
  onNew(): void
  refreshKey: number
  searchRef?: Ref<HTMLInputElement>
  onError(error: unknown): void
  /** Told about the first page, so the workspace can open an article when none is remembered. */
  onFirstPage?(items: ArticleListItem[]): void
}

export function ArticleList({ openId, onOpen, onNew, refreshKey, searchRef, onError, onFirstPage }: ArticleListProps) {
  const { t } = useTranslation()
  const format = useFormat()
  const [query, setQuery] = useState('')
  const [status, setStatus] = useState<StatusFilter>('all')
  const search = useArticleSearch(query, status, refreshKey, onError)
  const [activeId, setActiveId] = useState<string | null>(null)
  const listRef = useRef<HTMLUListElement>(null)
  const scrollRef = useRef<HTMLDivElement>(null)
  const sentinelRef = useRef<HTMLDivElement>(null)
  const baseId = useId()
  const optionId = (id: string) => `${baseId}-${id}`

  const firstPageTold = useRef(false)
  useEffect(() => {
    if (!firstPageTold.current && !search.loading) {
      firstPageTold.current = true
      onFirstPage?.(search.items)
    }
  }, [search.loading, search.items, onFirstPage])

  const items = search.items
  // The keyboard cursor follows the open article whenever that changes (opened elsewhere, new article, restore).
  useEffect(() => setActiveId(null), [openId])
  const activeIndex = Math.max(0, items.findIndex((item) => item.id === (activeId ?? openId)))
  const active = items[activeIndex]

  // Load the next page when the end of the list scrolls into view.
  useEffect(() => {
    const sentinel = sentinelRef.current
    if (!sentinel || typeof IntersectionObserver === 'undefined') return
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && search.loadMore(), {
      root: scrollRef.current,
      rootMargin: '200px',
    })
    observer.observe(sentinel)
    return () => observer.disconnect()
  }, [search.loadMore, search.hasMore])

  const moveTo = (index: number) => {
    if (items.length === 0) return
    const next = Math.min(items.length - 1, Math.max(0, index))
    setActiveId(items[next]!.id)
    document.getElementById(optionId(items[next]!.id))?.scrollIntoView?.({ block: 'nearest' })
    if (next >= items.length - 5 && search.hasMore) search.loadMore()
  }

  const onListKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(activeIndex + 1),
      ArrowUp: () => moveTo(activeIndex - 1),
      Home: () => moveTo(0),
      End: () => moveTo(items.length - 1),
      PageDown: () => moveTo(activeIndex + 10),
      PageUp: () => moveTo(activeIndex - 10),
      Enter: () => active && onOpen(active.id),
      ' ': () => active && onOpen(active.id),
    }
    const action = keys[event.key]
    if (!action || event.altKey || event.ctrlKey || event.metaKey) return
    event.preventDefault()
    action()
  }

  const onSearchKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && items.length > 0) {
      event.preventDefault()
      listRef.current?.focus()
    } else if (event.key === 'Escape' && query) {
      event.preventDefault()
      setQuery('')
    }
  }

  const searching = search.answeredQuery.trim() !== ''
  /** A search leaves out counts it did not compute exactly; those options then show no number. */
  const optionLabel = (filter: StatusFilter) => {
    const count = search.counts?.[filter]
    return count === undefined ? t(`status.${filter}`) : t('list.filterOption', { status: t(`status.${filter}`), formatted: format.number(count) })
  }

  return (
    <div className="article-list">
      <div className="list-header">
        <div className="list-heading-row">
          <h2 className="list-heading">{t('list.pane')}</h2>
          <button
            type="button"
            className="button button-primary new-article"
            onClick={onNew}
            aria-keyshortcuts={ariaShortcut(shortcuts.newArticle)}
            data-tooltip={shortcutLabel(shortcuts.newArticle, t)}
          >
            <Icon name="plus" size={16} />
            <span>{t('list.new')}</span>
          </button>
        </div>
        <div className="search-field">
          <Icon name="search" size={16} />
          <input
            ref={searchRef}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={onSearchKeyDown}
            aria-label={t('list.search')}
            placeholder={t('list.searchPlaceholder')}
            aria-keyshortcuts={ariaShortcut(shortcuts.focusSearch)}
            aria-controls={`${baseId}-list`}
            maxLength={1000}
            spellCheck={false}
          />
        </div>
        <div className="list-tools">
          <select
            value={status}
            onChange={(e) => setStatus(e.target.value as StatusFilter)}
            aria-label={t('list.filter')}
            className="status-filter"
          >
            {filters.map((filter) => (
              <option key={filter} value={filter}>
                {optionLabel(filter)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="list-summary" aria-live="polite">
        {search.loading && items.length === 0
          ? t('list.loading')
          : searching
            ? t(search.totalIsLowerBound ? 'list.hitsMore' : 'list.hits', { count: search.total, formatted: format.number(search.total) })
            : t('list.count', { count: search.total, formatted: format.number(search.total) })}
      </p>
      {items.length === 0 && !search.loading ? (
        <p className="list-empty">{searching ? t('list.noHits') : t('list.empty')}</p>
      ) : null}
      <div className="list-scroll" ref={scrollRef}>
      <ul
        ref={listRef}
        id={`${baseId}-list`}
        className="list-items"
        role="listbox"
        aria-label={t('list.label')}
        tabIndex={0}
        aria-activedescendant={active ? optionId(active.id) : undefined}
        onKeyDown={onListKeyDown}
        aria-busy={search.loading}
      >
        {items.map((item) => (
          <li
            key={item.id}
            id={optionId(item.id)}
            role="option"
            aria-selected={item.id === active?.id}
            aria-current={item.id === openId ? 'true' : undefined}
            aria-labelledby={`${optionId(item.id)}-title`}
            aria-describedby={`${optionId(item.id)}-meta`}
            className={`list-item${item.id === openId ? ' is-open' : ''}${item.id === active?.id ? ' is-active' : ''}`}
            // Focus the list without the browser scrolling the whole list into view (the clicked row jumped away).
            onMouseDown={(event) => {
              event.preventDefault()
              listRef.current?.focus({ preventScroll: true })
            }}
            onClick={() => {
              setActiveId(item.id)
              onOpen(item.id)
            }}
          >
            <span className="item-title" id={`${optionId(item.id)}-title`}>
              {item.titleHighlight && item.titleHighlight.length > 0 ? (
                <HighlightedText runs={item.titleHighlight} />
              ) : (
                item.title || t('list.untitled')
              )}
            </span>
            <span className="item-meta" id={`${optionId(item.id)}-meta`}>
              <StatusBadge status={item.status} />
              <time dateTime={item.updatedAt} title={format.dateTime(item.updatedAt)}>
                {format.when(item.updatedAt)}
              </time>
              <span>{t('list.words', { count: item.wordCount, formatted: format.number(item.wordCount) })}</span>
              {item.language !== 'nl' ? <span className="lang-tag">{t(`languageCode.${item.language}`)}</span> : null}
            </span>
            {item.snippet && item.snippet.length > 0 ? (
              <span className="item-snippet">
                <HighlightedText runs={item.snippet} />
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      {search.hasMore ? (
        <div ref={sentinelRef} className="list-more">
          <button type="button" className="button button-quiet" onClick={search.loadMore}>
            {t('list.loadMore')}
          </button>
        </div>
      ) : null}
      </div>
    </div>
  )
}
