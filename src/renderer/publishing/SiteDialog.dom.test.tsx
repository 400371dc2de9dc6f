import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { Site } from '../../shared/publishing'
import { renderIn } from '../testing'
import { addressProblem, SiteDialog } from './SiteDialog'
import { fakeBridge } from './testing'

const site: Site = {
  id: '00000000-0000-4000-8000-000000000001', name: 'Onze site', kind: 'wordpress', baseUrl: 'https://www.example.org', username: 'redactie',
  hasSecret: true, secretStore: 'the system keychain', problem: null, lastTest: null, createdAt: '2025-03-05T09:00:00.000Z', updatedAt: '2025-03-05T09:00:00.000Z',
}
const field = (name: string) => screen.getByLabelText(name) as HTMLInputElement

describe('addressProblem', () => {
  it('allows https anywhere and plain http only on this computer', () => {
    expect(addressProblem('https://www.example.org')).toBeNull()
    expect(addressProblem('http://127.0.0.1:4801/api/v1')).toBeNull()
    expect(addressProblem('http://localhost:8080')).toBeNull()
    expect(addressProblem('http://www.example.org')).toBe('insecure')
    expect(addressProblem('www.example.org')).toBe('invalid')
    expect(addressProblem('ftp://example.org')).toBe('invalid')
    expect(addressProblem('  ')).toBe('required')
  })
})

describe('SiteDialog', () => {
  it('tests a new site with what was typed, says who the site knows, and saves the secret once', async () => {
    const bridge = fakeBridge({
      'sites.test': () => ({ ok: true, code: 'ok', message: 'Signed in.', user: 'Redactie Kopij' }),
      'sites.save': (input: { site: object }) => ({ ...site, ...input.site, hasSecret: true }),
    })
    const onClose = vi.fn()
    renderIn('nl', <SiteDialog site={null} secretStore={null} onClose={onClose} />)
    const secret = field('Applicatiewachtwoord')
    expect(secret.type).toBe('password')
    fireEvent.change(field('Naam'), { target: { value: 'Onze site' } })
    fireEvent.change(field('Adres van de site'), { target: { value: 'http://www.example.org' } })
    fireEvent.change(field('Gebruikersnaam'), { target: { value: 'redactie' } })
    fireEvent.change(secret, { target: { value: 'abcd efgh ijkl mnop' } })
    fireEvent.click(screen.getByRole('button', { name: 'Site toevoegen' }))
    expect(await screen.findByText('Gebruik https. Gewoon http mag alleen voor een site op deze computer.')).toBeTruthy()
    expect(bridge.calls).toEqual([])
    fireEvent.change(field('Adres van de site'), { target: { value: 'https://www.example.org' } })
    fireEvent.click(screen.getByRole('button', { name: 'Verbinding testen' }))
    expect(await screen.findByText('Verbinding gelukt: ingelogd als Redactie Kopij.')).toBeTruthy()
    expect(bridge.calls[0]).toEqual({
      name: 'sites.test',
      input: { draft: { name: 'Onze site', kind: 'wordpress', baseUrl: 'https://www.example.org', username: 'redactie', secret: 'abcd efgh ijkl mnop' } },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Site toevoegen' }))
    await waitFor(() => expect(onClose).toHaveBeenCalled())
    expect(bridge.calls[1]).toMatchObject({ name: 'sites.save', input: { site: { secret: 'abcd efgh ijkl mnop' } } })
    expect(bridge.calls[1]!.input.id).toBeUndefined()
  })

  it('never shows a kept secret, keeps it when left empty, and names a refusal in words', async () => {
    const bridge = fakeBridge({
      'sites.test': () => ({ ok: false, code: 'unauthorized', message: 'HTTP 401: rest_not_logged_in' }),
      'sites.save': (input: { site: object }) => ({ ...site, ...input.site }),
    })
    const onClose = vi.fn()
    renderIn('en', <SiteDialog site={site} secretStore="the system keychain" onClose={onClose} />)
    const secret = field('Application password')
    expect(secret.value).toBe('')
    expect(secret.placeholder).toBe('Kept · leave empty to keep')
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }))
    expect(await screen.findByText(/The site refuses the credentials/)).toBeTruthy()
    expect(screen.getByText(/rest_not_logged_in/).getAttribute('lang')).toBe('en')
    // Unchanged address and user: the saved site is tested with its kept secret.
    expect(bridge.calls[0]).toEqual({ name: 'sites.test', input: { id: site.id } })
    // A changed address cannot be tested with the kept secret: the form asks for it instead of calling main.
    fireEvent.change(field('Address of the site'), { target: { value: 'https://nieuw.example.org' } })
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }))
    expect(await screen.findByText(/Type the password or token again/)).toBeTruthy()
    expect(bridge.calls).toHaveLength(1)
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(onClose).toHaveBeenCalled())
    expect(bridge.calls[1]).toEqual({
      name: 'sites.save',
      input: { id: site.id, site: { name: 'Onze site', kind: 'wordpress', baseUrl: 'https://nieuw.example.org', username: 'redactie' } },
    })
  })

  it('shows main’s reason when it refuses the site', async () => {
    fakeBridge({ 'sites.save': () => Promise.reject({ code: 'invalid-input', message: 'Kopij only talks to sites over https.' }) })
    renderIn('en', <SiteDialog site={site} secretStore={null} onClose={() => {}} />)
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(await screen.findByText('Kopij only talks to sites over https.')).toBeTruthy()
  })
})
