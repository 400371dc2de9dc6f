import { describe, expect, it } from 'vitest'
import { createI18n, resources } from '../../shared/i18n'
import { codeText, findingCodes, importPhases, outboxErrorCodes, relativeTime, siteTestCodes } from './text'

const has = (lang: 'nl' | 'en', key: string) => {
  let node: unknown = resources[lang].publishing
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part]
  return typeof node === 'string' && node.trim() !== ''
}

describe('words for the codes main reports', () => {
  it('exist in Dutch and English for every documented code', () => {
    const missing: string[] = []
    const groups: [string, readonly string[]][] = [
      ['siteProblem', [...siteTestCodes, 'no-secret']],
      ['outboxErrors', outboxErrorCodes],
      ['findings', findingCodes],
      ['import.phases', importPhases],
    ]
    for (const [group, codes] of groups)
      for (const code of codes) for (const lang of ['nl', 'en'] as const) if (!has(lang, `${group}.${code}`)) missing.push(`${lang}: ${group}.${code}`)
    expect(missing).toEqual([])
  })

  it('fall back to main’s sentence for a code the UI does not know', () => {
    const i18n = createI18n('nl')
    const t = i18n.getFixedT('nl', 'publishing')
    const exists = (key: string) => i18n.exists(key, { ns: 'publishing' })
    expect(codeText(t, exists, 'outboxErrors', 'timeout', 'fallback')).toBe('De site antwoordde niet op tijd.')
    expect(codeText(t, exists, 'outboxErrors', 'brand-new-code', 'The site said no.')).toBe('The site said no.')
    expect(codeText(t, exists, 'findings', 'unresolved-citation', '', { sources: 'berman2010' })).toContain('berman2010')
  })

  it('are asked for by key only where a locale has the key (notices name their namespace)', () => {
    // The renderer's tsconfig has no Node types: the sources come in through Vite's glob import.
    const sources = import.meta.glob(['./*.ts', './*.tsx', '!./*.test.*'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>
    const used = Object.values(sources).flatMap((text) => [...text.matchAll(/'publishing:([\w.-]+)'/g)].map((m) => m[1]!))
    expect(used.length).toBeGreaterThan(20)
    expect(used.filter((key) => !has('nl', key) || !has('en', key))).toEqual([])
  })
})

describe('relativeTime', () => {
  const now = Date.parse('2025-03-05T10:00:00Z')
  it('says how far off a moment is in the UI language', () => {
    expect(relativeTime('2025-03-05T10:02:00Z', 'nl-NL', now)).toBe('over 2 minuten')
    expect(relativeTime('2025-03-05T10:02:00Z', 'en-GB', now)).toBe('in 2 minutes')
    expect(relativeTime('2025-03-05T09:59:30Z', 'en-GB', now)).toBe('30 seconds ago')
    expect(relativeTime('2025-03-05T13:00:00Z', 'nl-NL', now)).toBe('over 3 uur')
    expect(relativeTime('not a date', 'nl-NL', now)).toBe('')
  })
})
