import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Batch, OutboxItem, Site, StateCounts } from '../../shared/publishing'
import { renderIn } from '../testing'
import { BatchProgress } from './BatchProgress'
import { fakeBridge } from './testing'

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
const batchId = uuid(900)
const siteId = uuid(800)
const site: Site = {
  id: siteId, name: 'Onze site', kind: 'kopij-api', baseUrl: 'https://example.org/api/v1', username: '', hasSecret: true,
  secretStore: 'the system keychain', problem: null, lastTest: null, createdAt: '2025-03-05T09:00:00.000Z', updatedAt: '2025-03-05T09:00:00.000Z',
}
const counts = (c: Partial<StateCounts>): StateCounts => ({ queued: 0, sending: 0, done: 0, failed: 0, conflict: 0, ...c })
const batch = (c: Partial<StateCounts>): Batch => {
  const all = counts(c)
  return { id: batchId, siteId, action: 'publish', createdAt: '2025-03-05T10:00:00.000Z', total: 3, counts: all, finished: all.queued + all.sending === 0 }
}
const item = (n: number, extra: Partial<OutboxItem>): OutboxItem => ({
  id: uuid(n), siteId, batchId, kind: 'article.publish', articleId: uuid(100 + n), commentId: null, title: `Artikel ${n}`, revisionId: 1,
  remoteStatus: 'publish', state: 'queued', attempts: 0, nextAttemptAt: null, error: null, remoteId: null, remoteUrl: null,
  createdAt: '2025-03-05T10:00:00.000Z', updatedAt: '2025-03-05T10:00:00.000Z', doneAt: null, ...extra,
})

afterEach(() => vi.useRealTimers())

describe('BatchProgress', () => {
  it('moves the bar with progress events and shows each item’s state, error and next attempt in the UI language', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, now: Date.parse('2025-03-05T10:00:00.000Z') })
    let items = [item(1, {}), item(2, {}), item(3, {})]
    let current = batch({ queued: 3 })
    const bridge = fakeBridge({
      'publish.batch': () => current,
      'outbox.list': () => ({ items, total: items.length, counts: counts({}) }),
      'publish.retry': () => ({ requeued: 1 }),
      'publish.cancel': () => batch({ done: 1, failed: 2 }),
    })
    renderIn('nl', <BatchProgress batchId={batchId} sites={[site]} onOpenArticle={() => {}} onNewBatch={() => {}} onShowOutbox={() => {}} />)
    const bar = await screen.findByRole('progressbar', { name: 'Voortgang van de batch' })
    expect(screen.getByRole('heading', { name: 'Bezig met publiceren naar Onze site' })).toBeTruthy()
    expect(bar.getAttribute('aria-valuenow')).toBe('0')
    expect(bar.getAttribute('aria-valuemax')).toBe('3')

    // The site answers: one done, one failing and retried later, one refused for good.
    items = [
      item(1, { state: 'done', attempts: 1, remoteUrl: 'https://example.org/artikel-1/', doneAt: '2025-03-05T10:00:01.000Z' }),
      item(2, { state: 'queued', attempts: 2, nextAttemptAt: '2025-03-05T10:02:00.000Z', error: { code: 'server-error', message: 'HTTP 503 from the site', httpStatus: 503, willRetry: true } }),
      item(3, { state: 'failed', attempts: 1, error: { code: 'rejected', message: 'slug is invalid', httpStatus: 422, remoteCode: 'invalid-slug', willRetry: false } }),
    ]
    current = batch({ done: 1, queued: 1, failed: 1 })
    act(() => bridge.emit('publish.progress', current))
    expect(bar.getAttribute('aria-valuenow')).toBe('2')
    expect(bar.getAttribute('aria-valuetext')).toBe('2 van 3 verwerkt')
    expect(screen.getByRole('status').textContent).toBe('2 van 3 verwerkt · 1 gepubliceerd · 1 onderweg · 1 mislukt')
    act(() => bridge.emit('outbox.changed', { siteId, itemIds: items.map((i) => i.id), counts: counts({}) }))
    await act(() => vi.advanceTimersByTimeAsync(300))
    const rows = within(screen.getByRole('list', { name: 'Artikelen in deze batch' })).getAllByRole('listitem')
    expect(rows.map((r) => r.querySelector('.state-badge')?.textContent)).toEqual(['Gepubliceerd', 'Wacht op nieuwe poging', 'Mislukt'])
    expect(within(rows[0]!).getByRole('link', { name: 'Artikel 1 bekijken op de site' }).getAttribute('href')).toBe('https://example.org/artikel-1/')
    expect(rows[1]!.textContent).toContain('2 pogingen')
    // The clock time is in the machine's time zone; the relative part is not.
    expect(rows[1]!.textContent).toMatch(/Volgende poging \d{2}:02 \(over 2 minuten\)/)
    expect(rows[1]!.textContent).toContain('De site had een storing. Kopij probeert het vanzelf opnieuw.')
    expect(rows[2]!.textContent).toContain('De site weigerde de inhoud.')
    expect(rows[2]!.textContent).toContain('HTTP 422 · invalid-slug · slug is invalid')

    fireEvent.click(within(rows[2]!).getByRole('button', { name: 'Artikel 3 opnieuw proberen' }))
    await waitFor(() => expect(bridge.calls.some((c) => c.name === 'publish.retry')).toBe(true))
    expect(bridge.calls.find((c) => c.name === 'publish.retry')!.input).toEqual({ itemIds: [uuid(3)] })
    const retryAll = screen.getByRole<HTMLButtonElement>('button', { name: 'Mislukte opnieuw proberen (1)' })
    await waitFor(() => expect(retryAll.disabled).toBe(false))
    fireEvent.click(retryAll)
    await waitFor(() => expect(bridge.calls.filter((c) => c.name === 'publish.retry').at(-1)!.input).toEqual({ batchId }))
    const cancel = screen.getByRole<HTMLButtonElement>('button', { name: 'Batch annuleren' })
    await waitFor(() => expect(cancel.disabled).toBe(false))
    fireEvent.click(cancel)
    await waitFor(() => expect(bridge.calls.some((c) => c.name === 'publish.cancel' && c.input.batchId === batchId)).toBe(true))
  })

  it('ignores other batches’ progress and offers a new batch once finished', async () => {
    const bridge = fakeBridge({
      'publish.batch': () => batch({ queued: 3 }),
      'outbox.list': () => ({ items: [], total: 0, counts: counts({}) }),
    })
    const onNewBatch = vi.fn()
    renderIn('en', <BatchProgress batchId={batchId} sites={[site]} onOpenArticle={() => {}} onNewBatch={onNewBatch} onShowOutbox={() => {}} />)
    const bar = await screen.findByRole('progressbar', { name: 'Progress of the batch' })
    act(() => bridge.emit('publish.progress', { ...batch({ done: 3 }), id: uuid(901) }))
    expect(bar.getAttribute('aria-valuenow')).toBe('0')
    act(() => bridge.emit('publish.progress', batch({ done: 2, conflict: 1 })))
    expect(screen.getByRole('heading', { name: 'Batch to Onze site finished' })).toBeTruthy()
    expect(screen.getByRole('status').textContent).toBe('3 of 3 processed · 2 published · 1 conflict')
    expect(screen.queryByRole('button', { name: 'Cancel batch' })).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'New batch' }))
    expect(onNewBatch).toHaveBeenCalled()
  })
})

describe('isWebAddress', () => {
  it('links only http(s) addresses a site gives back', async () => {
    const { isWebAddress } = await import('./OutboxItemRow')
    expect(isWebAddress('https://example.org/a/')).toBe(true)
    expect(isWebAddress('http://127.0.0.1:4801/a/')).toBe(true)
    expect(isWebAddress('javascript:alert(1)')).toBe(false)
    expect(isWebAddress('data:text/html,<script>')).toBe(false)
    expect(isWebAddress('/relative')).toBe(false)
    expect(isWebAddress(null)).toBe(false)
  })
})
