import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { OutboxItem, OutboxState, Site, StateCounts } from '../../shared/publishing'
import { renderIn } from '../testing'
import { OutboxSection } from './OutboxSection'
import { fakeBridge } from './testing'

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
const sites: Site[] = [1, 2].map((n) => ({
  id: uuid(800 + n), name: `Site ${n}`, kind: 'kopij-api', baseUrl: `https://site${n}.example/api/v1`, username: '', hasSecret: true,
  secretStore: 'the system keychain', problem: null, lastTest: null, createdAt: '2025-03-05T09:00:00.000Z', updatedAt: '2025-03-05T09:00:00.000Z',
}))
const item = (n: number, state: OutboxState, site = 1): OutboxItem => ({
  id: uuid(n), siteId: uuid(800 + site), batchId: uuid(900), kind: 'article.publish', articleId: uuid(100 + n), commentId: null, title: `Artikel ${n}`,
  revisionId: 1, remoteStatus: 'publish', state, attempts: 1, nextAttemptAt: null,
  error: state === 'failed' ? { code: 'rejected', message: 'no', willRetry: false } : null, remoteId: null, remoteUrl: null,
  createdAt: '2025-03-05T10:00:00.000Z', updatedAt: '2025-03-05T10:00:00.000Z', doneAt: state === 'done' ? '2025-03-05T10:01:00.000Z' : null,
})

/** An outbox of 250 finished items and a few open ones, answering `outbox.list` as main does (oldest first, paged). */
function outbox() {
  const items = [...Array.from({ length: 250 }, (_, i) => item(i + 1, 'done')), item(301, 'failed', 2), item(302, 'queued'), item(303, 'conflict')]
  const counts = (list: OutboxItem[]): StateCounts => {
    const c: StateCounts = { queued: 0, sending: 0, done: 0, failed: 0, conflict: 0 }
    for (const i of list) c[i.state]++
    return c
  }
  return (input: { siteId?: string; states?: OutboxState[]; limit: number; offset: number }) => {
    const site = items.filter((i) => !input.siteId || i.siteId === input.siteId)
    const matching = site.filter((i) => !input.states || input.states.includes(i.state))
    return { items: matching.slice(input.offset, input.offset + input.limit), total: matching.length, counts: counts(site) }
  }
}

describe('OutboxSection', () => {
  it('shows what is open by default, finished items newest first, per site, with counts on the filters', async () => {
    const bridge = fakeBridge({ 'outbox.list': outbox(), 'publish.retry': () => ({ requeued: 1 }) })
    renderIn('nl', <OutboxSection sites={sites} onOpenArticle={() => {}} />)
    const list = await screen.findByRole('list', { name: 'Items in de outbox' })
    expect(within(list).getAllByRole('listitem').map((li) => li.querySelector('.outbox-item-title')?.textContent)).toEqual(['Artikel 301', 'Artikel 302', 'Artikel 303'])
    expect(bridge.calls[0]!.input).toMatchObject({ states: ['queued', 'sending', 'failed', 'conflict'], offset: 0 })
    // Several sites and no site chosen: each item names its site.
    expect(within(list).getAllByRole('listitem')[0]!.textContent).toContain('Site 2')
    const filters = screen.getByRole('group', { name: 'Items tonen' })
    expect(within(filters).getByRole('button', { name: /Openstaand/ }).textContent).toBe('Openstaand3')
    expect(within(filters).getByRole('button', { name: /Verstuurd/ }).textContent).toBe('Verstuurd250')

    fireEvent.click(within(filters).getByRole('button', { name: /Verstuurd/ }))
    await waitFor(() => expect(screen.getAllByRole('listitem')[0]!.textContent).toContain('Artikel 250'))
    const titles = screen.getAllByRole('listitem').map((li) => li.querySelector('.outbox-item-title')?.textContent)
    expect(titles).toHaveLength(200)
    expect(titles.at(-1)).toBe('Artikel 51')
    expect(bridge.calls.at(-1)!.input).toMatchObject({ states: ['done'], offset: 50, limit: 200 })
    expect(screen.getByText(/200 van 250 getoond\./)).toBeTruthy()

    fireEvent.click(within(filters).getByRole('button', { name: /Mislukt/ }))
    await screen.findByRole('button', { name: 'Artikel 301 opnieuw proberen' })
    fireEvent.change(screen.getByRole('combobox', { name: 'Site' }), { target: { value: uuid(801) } })
    await waitFor(() => expect(screen.getByText('Geen items met deze status.')).toBeTruthy())
  })

  it('reads the outbox again when main says it changed, and retries every failed item at once', async () => {
    const bridge = fakeBridge({ 'outbox.list': outbox(), 'publish.retry': () => ({ requeued: 1 }) })
    renderIn('en', <OutboxSection sites={sites.slice(0, 1)} onOpenArticle={() => {}} />)
    await screen.findByRole('list', { name: 'Items in the outbox' })
    const before = bridge.calls.length
    await act(async () => {
      bridge.emit('outbox.changed', { siteId: uuid(801), itemIds: [uuid(302)], counts: { queued: 0, sending: 1, done: 250, failed: 1, conflict: 1 } })
      await new Promise((resolve) => setTimeout(resolve, 400))
    })
    expect(bridge.calls.length).toBe(before + 1)
    fireEvent.click(screen.getByRole('button', { name: 'Retry failed (1)' }))
    await waitFor(() => expect(bridge.calls.find((c) => c.name === 'publish.retry')?.input).toEqual({ itemIds: [uuid(301)] }))
  })
})
