// Numbers, dates and times through Intl in the UI language; formatters are built once per language.
import { useTranslation } from 'react-i18next'

const locales: Record<string, string> = { nl: 'nl-NL', en: 'en-GB' }

export interface Format {
  locale: string
  number(value: number): string
  time(iso: string): string
  date(iso: string): string
  dateTime(iso: string): string
  /** Short, for lists: the time for today, the day and month this year, the full date before. */
  when(iso: string, now?: Date): string
}

const cache = new Map<string, Format>()

export function formatFor(language: string): Format {
  const existing = cache.get(language)
  if (existing) return existing
  const locale = locales[language] ?? locales.nl!
  const number = new Intl.NumberFormat(locale)
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' })
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })
  const dayMonth = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' })
  const safe = (f: Intl.DateTimeFormat) => (iso: string) => {
    const d = new Date(iso)
    return Number.isNaN(d.getTime()) ? '' : f.format(d)
  }
  const format: Format = {
    locale,
    number: (value) => number.format(value),
    time: safe(time),
    date: safe(date),
    dateTime: safe(dateTime),
    when(iso, now = new Date()) {
      const d = new Date(iso)
      if (Number.isNaN(d.getTime())) return ''
      if (d.toDateString() === now.toDateString()) return time.format(d)
      if (d.getFullYear() === now.getFullYear()) return dayMonth.format(d)
      return date.format(d)
    },
  }
  cache.set(language, format)
  return format
}

export function useFormat(): Format {
  const { i18n } = useTranslation()
  return formatFor(i18n.language)
}
