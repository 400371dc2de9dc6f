import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { ImportProgress } from '../../shared/publishing'
import { renderIn } from '../testing'
import { ImportSection } from './ImportSection'
import { fakeBridge } from './testing'

const importId = '00000000-0000-4000-8000-000000000071'
const progress = (extra: Partial<ImportProgress>): ImportProgress => ({
  id: importId, kind: 'wxr', source: '/home/redactie/export.xml', siteId: null, state: 'running', phase: 'posts', posts: 0, comments: 0,
  terms: 0, skipped: 0, totalPosts: null, error: null, startedAt: '2025-03-05T10:00:00.000Z', updatedAt: '2025-03-05T10:00:00.000Z', ...extra,
})

describe('ImportSection', () => {
  it('starts an import from a path, follows its progress events, cancels and resumes it', async () => {
    const bridge = fakeBridge({
      'import.list': () => [],
      'import.start': () => progress({}),
      'import.cancel': () => progress({ state: 'cancelled' }),
      'import.resume': () => progress({}),
    })
    renderIn('nl', <ImportSection sites={[]} onGo={() => {}} />)
    expect(await screen.findByText('Nog niets geïmporteerd.')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Ophalen' })).toHaveProperty('disabled', true)
    fireEvent.change(screen.getByLabelText('Bestand op deze computer'), { target: { value: '  /home/redactie/export.xml ' } })
    fireEvent.click(screen.getByRole('button', { name: 'Bestand importeren' }))
    const list = await screen.findByRole('list', { name: 'Imports' })
    expect(bridge.calls.find((c) => c.name === 'import.start')!.input).toEqual({ kind: 'wxr', path: '/home/redactie/export.xml' })
    const row = () => within(list).getAllByRole('listitem')[0]!
    expect(row().textContent).toContain('Bezig')

    act(() => bridge.emit('import.progress', progress({ posts: 1200, comments: 5400, terms: 31, totalPosts: 10000 })))
    expect(row().textContent).toContain('1.200 van 10.000 artikelen')
    expect(row().textContent).toContain('5.400 reacties')
    expect(within(row()).getByRole('progressbar', { name: /Voortgang van de import/ })).toHaveProperty('value', 1200)
    fireEvent.click(within(row()).getByRole('button', { name: 'Annuleren' }))
    await waitFor(() => expect(bridge.calls.some((c) => c.name === 'import.cancel' && c.input.id === importId)).toBe(true))

    act(() => bridge.emit('import.progress', progress({ state: 'failed', posts: 1250, error: 'export.xml ends before the export does (cut off?)' })))
    expect(row().textContent).toContain('Mislukt')
    expect(within(row()).getByText('export.xml ends before the export does (cut off?)').getAttribute('lang')).toBe('en')
    fireEvent.click(within(row()).getByRole('button', { name: 'Hervatten' }))
    await waitFor(() => expect(bridge.calls.some((c) => c.name === 'import.resume')).toBe(true))
    expect(within(list).getAllByRole('listitem')).toHaveLength(1)
  })
})

describe('mergeImport', () => {
  it('never lets an older word on an import replace a newer one', async () => {
    const { mergeImport } = await import('./ImportSection')
    const started = progress({ phase: 'starting' })
    const failed = progress({ state: 'failed', error: 'broken' })
    // The failure event came first, the answer to import.start (same moment, still running) after it.
    expect(mergeImport(mergeImport([], failed), started)).toEqual([failed])
    expect(mergeImport(mergeImport([], started), failed)).toEqual([failed])
    const later = progress({ posts: 10, updatedAt: '2025-03-05T10:00:05.000Z' })
    expect(mergeImport([failed], later)).toEqual([later])
    const other = progress({ id: '00000000-0000-4000-8000-000000000072', startedAt: '2025-03-06T10:00:00.000Z' })
    expect(mergeImport([later], other).map((i) => i.id)).toEqual([other.id, later.id])
  })
})
