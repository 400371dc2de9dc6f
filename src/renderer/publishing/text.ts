// Words for what main reports as codes (site answers, outbox errors, pre-flight findings, import phases), with main's
// own English sentence as the fallback for a code this version of the UI does not know yet.
import type { TFunction } from 'i18next'
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'

/** Codes the contract documents; the locale test checks each has a text in both languages. */
export const siteTestCodes = ['ok', 'unauthorized', 'forbidden', 'not-an-api', 'redirected', 'unreachable', 'insecure-url', 'server-error', 'invalid-answer'] as const
export const outboxErrorCodes = [
  'network', 'timeout', 'server-error', 'rate-limited', 'unauthorized', 'forbidden', 'not-an-api', 'redirected',
  'invalid-answer', 'rejected', 'not-found', 'cancelled', 'site-problem', 'internal', 'conflict',
] as const
export const findingCodes = [
  'missing-title', 'missing-slug', 'empty-body', 'unsafe-content', 'unresolved-citation', 'untranslated-segment', 'not-ready',
  'no-excerpt', 'no-category', 'already-queued', 'conflict-pending', 'site-problem', 'publish-at-past', 'publish-at-missing',
] as const
export const importPhases = ['starting', 'terms', 'posts', 'comments', 'done'] as const

type Params = Record<string, string | number>

/** The UI's sentence for `group.code`, else the sentence main sent (English, marked as such by the caller). */
export function codeText(t: TFunction<'publishing'>, exists: (key: string) => boolean, group: string, code: string, fallback: string, params: Params = {}): string {
  const key = `${group}.${code}`
  return exists(key) ? String(t(key, params as never)) : fallback
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 365],
]

/** "over 2 minuten" / "in 2 minutes" in the UI language, rounded to the largest unit that fits. */
export function relativeTime(iso: string, locale: string, now = Date.now()): string {
  const at = Date.parse(iso)
  if (Number.isNaN(at)) return ''
  let value = (at - now) / 1000
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'long' })
  for (const [unit, size] of units) {
    if (Math.abs(value) < size) return format.format(Math.round(value), unit)
    value /= size
  }
  return format.format(Math.round(value), 'year')
}

/** codeText bound to the UI language; `fallback` is shown when the UI has no words for the code. */
export function useCodeText(): (group: string, code: string, fallback: string, params?: Params) => string {
  const { t, i18n } = useTranslation('publishing')
  return useCallback(
    (group: string, code: string, fallback: string, params?: Params) => codeText(t, (key) => i18n.exists(key, { ns: 'publishing' }), group, code, fallback, params),
    [t, i18n],
  )
}
