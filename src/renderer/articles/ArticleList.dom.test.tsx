import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ArticleListItem, FindArticlesResult } from '../../shared/articles'
import { fakeApi, renderIn } from '../testing'
import { ArticleList } from './ArticleList'
import { HighlightedText } from './HighlightedText'

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
const item = (n: number, extra: Partial<ArticleListItem> = {}): ArticleListItem => ({
  id: id(n),
  title: `Artikel ${n}`,
  slug: `artikel-${n}`,
  status: 'draft',
  language: 'nl',
  wordCount: 1200 + n,
  updatedAt: '2024-03-05T10:00:00.000Z',
  ...extra,
})
const counts = { all: 3, draft: 3, ready: 0, scheduled: 0, published: 0, archived: 0 }
const result = (items: ArticleListItem[]): FindArticlesResult => ({ items, total: items.length, totalIsLowerBound: false, counts })

afterEach(() => vi.useRealTimers())

describe('HighlightedText', () => {
  it('renders matches as <mark> and markup in the text as text', () => {
    const { container } = renderIn('nl', <HighlightedText runs={[{ text: '<script>alert(1)</script> ', match: false }, { text: '<b>rug</b>', match: true }]} />)
    expect(container.querySelector('script')).toBeNull()
    expect(container.querySelector('b')).toBeNull()
    expect(container.querySelector('mark')?.textContent).toBe('<b>rug</b>')
    expect(container.textContent).toBe('<script>alert(1)</script> <b>rug</b>')
  })
})

describe('ArticleList', () => {
  it('moves with the arrow keys and opens with Enter', async () => {
    fakeApi({ 'articles.find': () => result([item(1), item(2), item(3)]) })
    const onOpen = vi.fn()
    renderIn('nl', <ArticleList openId={id(1)} onOpen={onOpen} onNew={() => {}} refreshKey={0} onError={() => {}} />)
    const list = await screen.findByRole('listbox', { name: 'Artikelen' })
    await screen.findByRole('option', { name: 'Artikel 3' })
    list.focus()
    expect(screen.getByRole('option', { name: 'Artikel 1' }).getAttribute('aria-selected')).toBe('true')
    fireEvent.keyDown(list, { key: 'ArrowDown' })
    fireEvent.keyDown(list, { key: 'ArrowDown' })
    fireEvent.keyDown(list, { key: 'ArrowUp' })
    const second = screen.getByRole('option', { name: 'Artikel 2' })
    expect(second.getAttribute('aria-selected')).toBe('true')
    expect(list.getAttribute('aria-activedescendant')).toBe(second.id)
    expect(onOpen).not.toHaveBeenCalled()
    fireEvent.keyDown(list, { key: 'Enter' })
    expect(onOpen).toHaveBeenCalledWith(id(2))
    fireEvent.keyDown(list, { key: 'End' })
    fireEvent.keyDown(list, { key: 'Enter' })
    expect(onOpen).toHaveBeenLastCalledWith(id(3))
  })

  it('shows dates and word counts in the UI language', async () => {
    fakeApi({ 'articles.find': () => result([item(1)]) })
    renderIn('en', <ArticleList openId={null} onOpen={() => {}} onNew={() => {}} refreshKey={0} onError={() => {}} />)
    const option = await screen.findByRole('option', { name: 'Artikel 1' })
    expect(option.textContent).toContain('1,201 words')
    expect(option.textContent).toContain('Draft')
    expect(option.querySelector('time')?.textContent).toBe('5 Mar 2024')
  })

  it('debounces typing and ignores an answer that arrives after a newer one', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const slow: ((r: FindArticlesResult) => void)[] = []
    const log = fakeApi({
      'articles.find': (input: { query: string }) => {
        if (input.query === 'acu') return new Promise<FindArticlesResult>((resolve) => slow.push(resolve))
        if (input.query === 'acupunctuur')
          return result([item(7, { title: 'Acupunctuur', titleHighlight: [{ text: 'Acupunctuur', match: true }], snippet: [{ text: 'over <img src=x onerror=alert(1)> ', match: false }, { text: 'acupunctuur', match: true }] })])
        return result([item(1)])
      },
    })
    renderIn('nl', <ArticleList openId={null} onOpen={() => {}} onNew={() => {}} refreshKey={0} onError={() => {}} />)
    await screen.findByRole('option', { name: 'Artikel 1' })
    const box = screen.getByRole('searchbox', { name: 'Artikelen zoeken' })
    // Keys 50 ms apart: one request after the typing pauses, not one per key.
    for (const value of ['a', 'ac', 'acu']) {
      fireEvent.change(box, { target: { value } })
      await act(() => vi.advanceTimersByTimeAsync(50))
    }
    await act(() => vi.advanceTimersByTimeAsync(200))
    fireEvent.change(box, { target: { value: 'acupunctuur' } })
    await act(() => vi.advanceTimersByTimeAsync(200))
    const queries = log.filter((c) => c.name === 'articles.find').map((c) => c.input.query)
    expect(queries).toEqual(['', 'acu', 'acupunctuur'])
    const hit = await screen.findByRole('option', { name: 'Acupunctuur' })
    // The stale answer for "acu" comes last and must not replace the newer list.
    await act(async () => slow[0]!(result([item(9)])))
    expect(screen.queryByRole('option', { name: 'Artikel 9' })).toBeNull()
    expect(hit.querySelector('mark')?.textContent).toBe('Acupunctuur')
    expect(hit.querySelector('img')).toBeNull()
    expect(hit.textContent).toContain('<img src=x onerror=alert(1)>')
    await waitFor(() => expect(screen.getByText('1 artikel gevonden')).toBeTruthy())
  })
})
