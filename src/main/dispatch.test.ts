import { describe, expect, it, vi } from 'vitest'
import type { Handlers } from '../shared/api'
import { ApiError } from '../shared/errors'
import { createDispatch } from './dispatch'

const handlers = (overrides: Partial<Handlers> = {}) =>
  ({
    'app.info': () => ({ version: '1', archivePath: '/a', host: 'cli' }),
    'articles.get': () => {
      throw new ApiError('not-found', 'There is no article x.')
    },
    'settings.get': () => {
      throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_FULL' })
    },
    ...overrides,
  }) as unknown as Handlers

describe('dispatch', () => {
  it('refuses names outside the contract, including prototype names', async () => {
    const dispatch = createDispatch(handlers())
    const hostile = { toString: 1 }
    for (const name of ['articles.drop', 'constructor', '__proto__', 'toString', 42, null, hostile, Symbol('x')]) {
      expect(await dispatch(name, {})).toMatchObject({ ok: false, error: { code: 'unknown-call' } })
    }
  })

  it('validates input before any handler runs and says which field is wrong', async () => {
    const get = vi.fn()
    const dispatch = createDispatch(handlers({ 'articles.get': get }))
    const result = await dispatch('articles.get', { id: '../../etc/passwd' })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(!result.ok && result.error.message).toMatch(/id/)
    expect(await dispatch('app.info', { extra: true })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(await dispatch('articles.get', 'not an object')).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(get).not.toHaveBeenCalled()
  })

  it('passes typed errors through and classifies the rest', async () => {
    const report = vi.fn()
    const dispatch = createDispatch(handlers(), {
      classify: (error) => new ApiError((error as { code?: string }).code === 'SQLITE_FULL' ? 'disk-full' : 'internal', 'classified'),
      report,
    })
    expect(await dispatch('articles.get', { id: '5e3d7f0a-9c1b-4f7e-8a2d-3b6c1e0f9a41' })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'There is no article x.' },
    })
    expect(await dispatch('settings.get', {})).toMatchObject({ ok: false, error: { code: 'disk-full' } })
    expect(report).not.toHaveBeenCalled()
  })

  it('reports internal failures without the input, and catches output that breaks the contract', async () => {
    const report = vi.fn()
    const dispatch = createDispatch(handlers({ 'app.info': () => ({ version: 1 }) as never }), { checkOutput: true, report })
    const result = await dispatch('app.info', {})
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(report).toHaveBeenCalledWith('app.info', expect.anything())
  })
})
