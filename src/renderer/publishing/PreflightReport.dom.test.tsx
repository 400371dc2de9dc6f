import { fireEvent, screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { PreflightResult } from '../../shared/publishing'
import { renderIn } from '../testing'
import { PreflightReport } from './PreflightReport'

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
const result: PreflightResult = {
  items: [
    { articleId: id(1), title: 'Goed artikel', update: false, findings: [], blocked: false },
    {
      articleId: id(2),
      title: 'Met waarschuwing',
      update: true,
      findings: [
        { severity: 'warning', code: 'not-ready', message: 'The article is marked draft, not ready.', params: { status: 'draft' } },
        { severity: 'warning', code: 'publish-at-past', message: 'The chosen time has passed.', params: { publishAt: '2024-03-05T10:00:00.000Z' } },
      ],
      blocked: false,
    },
    {
      articleId: id(3),
      title: '',
      update: false,
      findings: [
        { severity: 'block', code: 'missing-title', message: 'The article has no title.' },
        { severity: 'block', code: 'unresolved-citation', message: 'Citations point to missing sources.', params: { sources: 'berman2010', count: 1 } },
        { severity: 'warning', code: 'some-new-check', message: 'A check this UI does not know yet.' },
      ],
      blocked: true,
    },
  ],
  siteFindings: [],
  publishable: 2,
  blocked: 1,
}

describe('PreflightReport', () => {
  it('lists blocked articles first, each finding in words, with main’s sentence for an unknown code', () => {
    renderIn('nl', <PreflightReport result={result} onOpenArticle={() => {}} onPreview={() => {}} />)
    const items = screen.getAllByRole('listitem').filter((li) => li.classList.contains('preflight-item'))
    expect(items.map((li) => li.querySelector('.preflight-title')?.textContent)).toEqual(['Zonder titel', 'Met waarschuwing', 'Goed artikel'])
    expect(within(items[0]!).getByText('Geblokkeerd')).toBeTruthy()
    expect(items[0]!.textContent).toContain('Blokkeert: Het artikel heeft geen titel.')
    expect(items[0]!.textContent).toContain('Citaten verwijzen naar bronnen die niet in het archief staan: berman2010.')
    const unknown = within(items[0]!).getByText('A check this UI does not know yet.')
    expect(unknown.getAttribute('lang')).toBe('en')
    expect(items[1]!.textContent).toContain('Het artikel staat op ‘Concept’, niet op ‘Klaar’.')
    expect(items[1]!.textContent).toContain('(5 mrt 2024')
    expect(within(items[1]!).getByText('Bijwerken op de site')).toBeTruthy()
    expect(within(items[2]!).getByText('In orde')).toBeTruthy()
    expect(screen.getByRole('status').textContent).toBe('3 artikelen gecontroleerd: 2 kunnen mee · 1 geblokkeerd · 1 met waarschuwingen')
  })

  it('puts a problem of the site above every article, and opens or previews an article by name', () => {
    const onOpen = vi.fn()
    const onPreview = vi.fn()
    const siteDown: PreflightResult = {
      ...result,
      siteFindings: [{ severity: 'block', code: 'site-problem', message: 'No password or token is kept for this site.', params: { problem: 'no-secret' } }],
    }
    renderIn('en', <PreflightReport result={siteDown} onOpenArticle={onOpen} onPreview={onPreview} />)
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toContain('The site cannot receive anything now')
    expect(alert.textContent).toContain('The site has a problem: No password or token is kept for this site.')
    fireEvent.click(screen.getByRole('button', { name: 'Open Met waarschuwing in the editor' }))
    expect(onOpen).toHaveBeenCalledWith(id(2))
    fireEvent.click(screen.getByRole('button', { name: 'Preview of Untitled' }))
    expect(onPreview).toHaveBeenCalledWith(id(3))
  })
})
