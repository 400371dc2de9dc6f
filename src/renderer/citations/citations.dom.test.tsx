import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { FormattedSource } from '../../shared/citations'
import type { DerivedCitations } from '../../shared/document/bibliography'
import { problems, textToAuthors, authorsToText, SourceForm } from '../sources/SourceForm'
import { fakeApi, renderIn } from '../testing'
import { BibliographyView, reorder } from './bibliography-view'
import { looksLikeIdentifier } from './CitationPicker'

const formatted = (id: string, text: string): FormattedSource => ({ canonical: id, entry: [{ text }, { text: ` doi:10.1/${id}`, href: `https://doi.org/10.1/${id}` }], label: '', sortKey: text, provisional: false })
const derived = (ids: string[]): DerivedCitations => ({
  style: 'vancouver',
  labels: [],
  segments: [],
  cited: ids,
  entries: ids.map((id, i) => ({ id, number: i + 1, source: formatted(id, `Entry ${id}.`), missing: false })),
})
const texts = () => ({ role: 'citation', region: 'Sources of the article', missing: (id: string) => `Missing ${id}`, pending: 'Formatting…', failed: 'Failed' })

describe('the bibliography under the text', () => {
  it('lists the entries in order, links as marked text, and reuses elements when only the order changes', () => {
    const view = new BibliographyView(texts)
    view.render(derived(['a', 'b', 'c', 'd']), 'nl', false)
    expect(view.dom.querySelector('h2')?.textContent).toBe('Bronnen')
    expect([...view.dom.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['Entry a. doi:10.1/a', 'Entry b. doi:10.1/b', 'Entry c. doi:10.1/c', 'Entry d. doi:10.1/d'])
    expect(view.dom.querySelector('.bib-link')?.getAttribute('title')).toBe('https://doi.org/10.1/a')
    expect(view.dom.querySelector('a')).toBeNull()
    const [a, b] = [...view.dom.querySelectorAll('li')]
    view.render(derived(['b', 'c', 'd', 'a']), 'en', false)
    const after = [...view.dom.querySelectorAll('li')]
    expect(after.map((li) => li.dataset.source)).toEqual(['b', 'c', 'd', 'a'])
    expect(after[0]).toBe(b)
    expect(after[3]).toBe(a)
    expect(view.dom.querySelector('h2')?.textContent).toBe('Sources')
  })

  it('says which source is missing and which is still being formatted', () => {
    const view = new BibliographyView(texts)
    view.render({ ...derived([]), cited: ['x', 'y'], entries: [{ id: 'x', number: 1, source: null, missing: true }, { id: 'y', number: 2, source: null, missing: false }] }, 'en', false)
    expect([...view.dom.querySelectorAll('li')].map((li) => [li.className, li.textContent])).toEqual([
      ['missing', 'Missing x'],
      ['pending', 'Formatting…'],
    ])
    view.render(derived([]), 'en', false)
    expect(view.dom.hidden).toBe(true)
  })

  it('moves as few elements as a renumbering needs', () => {
    const list = document.createElement('ol')
    const items = Array.from({ length: 100 }, (_, i) => Object.assign(document.createElement('li'), { textContent: String(i) }))
    list.append(...items)
    let moved = 0
    const original = list.insertBefore.bind(list)
    list.insertBefore = ((node: Node, child: Node | null) => {
      moved++
      return original(node, child)
    }) as typeof list.insertBefore
    // The first source is now cited last: one element moves, 99 stay.
    reorder(list, [...items.slice(1), items[0]!])
    expect(moved).toBe(1)
    expect(list.firstElementChild?.textContent).toBe('1')
    expect(list.lastElementChild?.textContent).toBe('0')
    const reversed = [...items].reverse()
    reorder(list, reversed)
    expect([...list.children].map((c) => c.textContent)).toEqual(reversed.map((c) => c.textContent))
  })
})

describe('source fields as the form reads them', () => {
  it('reads one author per line, "Family, Given" or a group name', () => {
    const authors = textToAuthors('Berman, Brian M.\n  \nWorld Health Organization\nvan der Berg, Piet')
    expect(authors).toEqual([{ family: 'Berman', given: 'Brian M.' }, { literal: 'World Health Organization' }, { family: 'van der Berg', given: 'Piet' }])
    expect(authorsToText({ author: authors })).toBe('Berman, Brian M.\nWorld Health Organization\nvan der Berg, Piet')
  })

  it('names each field that cannot be saved', () => {
    const empty = { type: 'book', title: '', authors: '', journal: '', journalShort: '', year: '', volume: '', issue: '', page: '', doi: '', pmid: '', url: '', language: '' }
    expect(problems(empty)).toEqual({ title: 'form.needTitle' })
    expect(problems({ ...empty, title: 'T', year: '20', doi: 'nope', pmid: 'PMID12', url: 'javascript:alert(1)' })).toEqual({ year: 'form.badYear', doi: 'form.badDoi', pmid: 'form.badPmid', url: 'form.badUrl' })
    expect(problems({ ...empty, title: 'T', year: '2010', doi: 'https://doi.org/10.1056/NEJMcp0909344', pmid: '20818865', url: 'https://example.org' })).toEqual({})
  })

  it('tells identifiers from words', () => {
    for (const text of ['10.1056/NEJMcp0909344', 'doi:10.1056/x', 'https://doi.org/10.1056/x', 'PMID: 123', '20818865', 'https://pubmed.ncbi.nlm.nih.gov/20818865/']) expect(looksLikeIdentifier(text)).toBe(true)
    for (const text of ['berman', 'berman 2010', '', '10.1056']) expect(looksLikeIdentifier(text)).toBe(false)
  })

  it('refuses to delete a cited source and says why, in the interface language', async () => {
    const record = { id: 'berman', csl: { id: 'berman', type: 'article-journal', title: 'Acupuncture' }, provisional: false, lookup: 'none', lookupError: null, createdAt: 'x', updatedAt: 'x' }
    const used = { articles: [{ id: '5e3d7f0a-9c1b-4f7e-8a2d-3b6c1e0f9a41', title: 'Hoogste medische arbiter', citations: 2, attached: false }], quotes: [] }
    const log = fakeApi({ 'sources.get': () => record, 'sources.whereUsed': () => used })
    // Main refuses the delete as it does for a cited source: a conflict envelope.
    const api = (window as unknown as { api: { invoke: (name: string, input: unknown) => Promise<unknown> } }).api
    const answer = api.invoke
    api.invoke = async (name, input) => (name === 'sources.delete' ? { ok: false, error: { code: 'conflict', message: 'cited' } } : answer(name, input))
    renderIn('nl', <SourceForm sourceId="berman" onSaved={() => {}} onDeleted={() => {}} />)
    await screen.findByText('Hoogste medische arbiter')
    expect(screen.getByText('2 citaties')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Verwijderen' }))
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/in 1 artikel geciteerd en kan niet worden verwijderd/))
    expect(log.map((c) => c.name)).toEqual(['sources.get', 'sources.whereUsed'])
  })
})
