import { fireEvent, screen, waitFor } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import type { ArticleListItem, FindArticlesResult } from '../../shared/articles'
import { renderIn } from '../testing'
import { ArticlePicker } from './ArticlePicker'
import { fakeBridge } from './testing'

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
const item = (n: number, status: ArticleListItem['status'] = 'ready'): ArticleListItem => ({
  id: id(n),
  title: `Artikel ${n}`,
  slug: `artikel-${n}`,
  status,
  language: 'nl',
  wordCount: 100,
  updatedAt: '2024-03-05T10:00:00.000Z',
})
const ready = [item(1), item(2), item(3)]
const all = [...ready, item(4, 'draft')]
const result = (items: ArticleListItem[]): FindArticlesResult => ({ items, total: items.length, totalIsLowerBound: false, counts: { all: 4, ready: 3, draft: 1 } })

function Picker({ onSubmit = () => {}, initial = [] as string[] }) {
  const [selected, setSelected] = useState(new Set(initial))
  return (
    <>
      <ArticlePicker selected={selected} onChange={setSelected} onSubmit={onSubmit} onError={(e) => { throw e }} />
      <output data-testid="selected">{[...selected].sort().join(',')}</output>
    </>
  )
}

const selectedIds = () => screen.getByTestId('selected').textContent

describe('ArticlePicker', () => {
  it('lists ready articles first and toggles with Space and X while the arrows move', async () => {
    const bridge = fakeBridge({ 'articles.find': (input: { status: string }) => result(input.status === 'ready' ? ready : all) })
    const onSubmit = vi.fn()
    renderIn('nl', <Picker onSubmit={onSubmit} />)
    const list = await screen.findByRole('listbox', { name: 'Artikelen om te publiceren' })
    await screen.findByRole('option', { name: /Artikel 3/ })
    expect(list.getAttribute('aria-multiselectable')).toBe('true')
    expect(screen.getByText(/Spatie of X: kiezen/).textContent).toBe('Spatie of X: kiezen · Ctrl+A: alles in de lijst · Enter: controleren')
    expect(bridge.calls[0]).toMatchObject({ name: 'articles.find', input: { status: 'ready' } })
    list.focus()
    fireEvent.keyDown(list, { key: ' ' })
    expect(selectedIds()).toBe(id(1))
    fireEvent.keyDown(list, { key: 'ArrowDown' })
    fireEvent.keyDown(list, { key: 'ArrowDown' })
    fireEvent.keyDown(list, { key: 'x' })
    expect(selectedIds()).toBe([id(1), id(3)].join(','))
    expect(screen.getByRole('option', { name: /Artikel 3/ }).getAttribute('aria-selected')).toBe('true')
    expect(screen.getByRole('option', { name: /Artikel 2/ }).getAttribute('aria-selected')).toBe('false')
    expect(list.getAttribute('aria-activedescendant')).toBe(screen.getByRole('option', { name: /Artikel 3/ }).id)
    fireEvent.keyDown(list, { key: 'Home' })
    fireEvent.keyDown(list, { key: 'X' })
    expect(selectedIds()).toBe(id(3))
    // Enter goes on to the check, and only with something selected.
    fireEvent.keyDown(list, { key: 'Enter' })
    expect(onSubmit).toHaveBeenCalledTimes(1)
    fireEvent.keyDown(list, { key: 'End' })
    fireEvent.keyDown(list, { key: 'x' })
    expect(selectedIds()).toBe('')
    fireEvent.keyDown(list, { key: 'Enter' })
    expect(onSubmit).toHaveBeenCalledTimes(1)
  })

  it('selects every ready article with one button, and everything listed with Ctrl+A', async () => {
    fakeBridge({ 'articles.find': (input: { status: string }) => result(input.status === 'ready' ? ready : all) })
    renderIn('en', <Picker />)
    await screen.findByRole('option', { name: /Artikel 3/ })
    fireEvent.click(screen.getByRole('button', { name: 'Select all ready' }))
    await waitFor(() => expect(selectedIds()).toBe([1, 2, 3].map(id).join(',')))
    fireEvent.click(screen.getByRole('button', { name: 'Clear selection' }))
    expect(selectedIds()).toBe('')
    fireEvent.change(screen.getByRole('combobox', { name: 'Status of the articles' }), { target: { value: 'all' } })
    await screen.findByRole('option', { name: /Artikel 4/ })
    const list = screen.getByRole('listbox', { name: 'Articles to publish' })
    fireEvent.keyDown(list, { key: 'a', ctrlKey: true })
    await waitFor(() => expect(selectedIds()).toBe([1, 2, 3, 4].map(id).join(',')))
  })

  it('toggles with a click, and says what to do when nothing is ready', async () => {
    fakeBridge({ 'articles.find': (input: { status: string }) => result(input.status === 'ready' ? [] : all) })
    renderIn('nl', <Picker initial={[id(4)]} />)
    expect(await screen.findByText(/Geen artikelen met de status ‘Klaar’/)).toBeTruthy()
    fireEvent.change(screen.getByRole('combobox', { name: 'Status van de artikelen' }), { target: { value: 'all' } })
    const fourth = await screen.findByRole('option', { name: /Artikel 4/ })
    expect(fourth.getAttribute('aria-selected')).toBe('true')
    fireEvent.click(fourth)
    expect(selectedIds()).toBe('')
    fireEvent.click(screen.getByRole('option', { name: /Artikel 2/ }))
    expect(selectedIds()).toBe(id(2))
  })
})
