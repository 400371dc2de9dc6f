import { useCallback, useEffect, useRef, useState } from 'react'
import type { ArticleListItem, FindArticlesResult, StatusFilter } from '../../shared/articles'
import { call } from '../api'

export const pageSize = 50
const typingDelayMs = 150

export interface ArticleSearch {
  items: ArticleListItem[]
  total: number
  /** A search matched more than it counted: the list says "more than {total}". */
  totalIsLowerBound: boolean
  counts: FindArticlesResult['counts'] | null
  /** The query the shown items answer (the box may already hold a newer one). */
  answeredQuery: string
  loading: boolean
  hasMore: boolean
  loadMore(): void
}

/**
 * The article list as `articles.find` answers it: debounced while typing, stale answers dropped, paged on demand.
 * `refreshKey` changes when articles were saved elsewhere; the loaded pages are then fetched again in one call.
 */
export function useArticleSearch(query: string, status: StatusFilter, refreshKey: number, onError: (error: unknown) => void): ArticleSearch {
  const [result, setResult] = useState<(FindArticlesResult & { query: string }) | null>(null)
  const [loading, setLoading] = useState(true)
  const request = useRef(0)
  const loaded = useRef(0)
  const lastQuery = useRef<string | null>(null)
  const lastStatus = useRef<StatusFilter | null>(null)
  const loadingMore = useRef(false)
  const errorRef = useRef(onError)
  errorRef.current = onError

  useEffect(() => {
    const id = ++request.current
    const typing = lastQuery.current !== null && lastQuery.current !== query
    const changed = typing || lastStatus.current !== status
    lastQuery.current = query
    lastStatus.current = status
    // A refresh keeps what is loaded in view; a new query or filter starts at the first page.
    const limit = changed ? pageSize : Math.min(500, Math.max(pageSize, loaded.current))
    setLoading(true)
    const timer = setTimeout(
      () => {
        call('articles.find', { query, status, limit, offset: 0 })
          .then((found) => {
            if (id !== request.current) return
            loaded.current = found.items.length
            setResult({ ...found, query })
          })
          .catch((error) => id === request.current && errorRef.current(error))
          .finally(() => id === request.current && setLoading(false))
      },
      typing ? typingDelayMs : 0,
    )
    return () => clearTimeout(timer)
  }, [query, status, refreshKey])

  const loadMore = useCallback(() => {
    if (!result || loadingMore.current || result.items.length >= result.total) return
    const id = request.current
    loadingMore.current = true
    call('articles.find', { query: result.query, status, limit: pageSize, offset: result.items.length })
      .then((page) => {
        if (id !== request.current) return
        setResult((current) => {
          if (!current) return current
          const seen = new Set(current.items.map((item) => item.id))
          const items = [...current.items, ...page.items.filter((item) => !seen.has(item.id))]
          loaded.current = items.length
          // An empty page ends the list even if the count said more (articles deleted meanwhile).
          const total = page.items.length === 0 ? items.length : page.total
          return { ...current, items, total, totalIsLowerBound: page.totalIsLowerBound, counts: page.counts }
        })
      })
      .catch((error) => errorRef.current(error))
      .finally(() => {
        loadingMore.current = false
      })
  }, [result, status])

  return {
    items: result?.items ?? [],
    total: result?.total ?? 0,
    totalIsLowerBound: result?.totalIsLowerBound ?? false,
    counts: result?.counts ?? null,
    answeredQuery: result?.query ?? '',
    loading,
    hasMore: !!result && result.items.length < result.total,
    loadMore,
  }
}
