// Numbers in a sentence as values with their units, read the English way (1,000.5) or the Dutch way (1.000,5).
import type { QuoteLanguage } from '../segment'

export interface NumberToken {
  value: number
  /** Canonical unit ("mg", "%", "week"), or null for a bare number. */
  unit: string | null
  /** As written, with its unit: "1.5 mg", "8 weeks". */
  text: string
  /** A Dutch number written with a decimal point ("1.5"): a Dutch reader may read fifteen. */
  decimalPoint: boolean
}

/** Units as written, per language, to one canonical name each: "8 weeks" and "8 weken" say the same. */
const unitNames: Record<string, string> = {
  '%': '%', percent: '%', 'per cent': '%', procent: '%',
  mg: 'mg', g: 'g', kg: 'kg', µg: 'µg', μg: 'µg', mcg: 'µg', ug: 'µg', ng: 'ng',
  ml: 'ml', l: 'l', dl: 'dl', cl: 'cl', mmol: 'mmol', µmol: 'µmol', μmol: 'µmol', mol: 'mol',
  iu: 'IU', ie: 'IU', mmhg: 'mmHg', cm: 'cm', mm: 'mm', m: 'm', km: 'km', hz: 'Hz', khz: 'kHz', '°c': '°C', kcal: 'kcal',
  h: 'hour', hr: 'hour', hrs: 'hour', hour: 'hour', hours: 'hour', uur: 'hour', uren: 'hour', u: 'hour',
  min: 'minute', mins: 'minute', minute: 'minute', minutes: 'minute', minuut: 'minute', minuten: 'minute',
  s: 'second', sec: 'second', secs: 'second', second: 'second', seconds: 'second', seconde: 'second', seconden: 'second',
  day: 'day', days: 'day', dag: 'day', dagen: 'day',
  week: 'week', weeks: 'week', weken: 'week', wk: 'week', wks: 'week',
  month: 'month', months: 'month', maand: 'month', maanden: 'month',
  year: 'year', years: 'year', jaar: 'year', jaren: 'year', yr: 'year', yrs: 'year',
}

const numberWords: Record<QuoteLanguage, Record<string, number>> = {
  // "one" and "een" are left out: "een" is also the Dutch article, and "one" a pronoun.
  en: { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, twenty: 20 },
  nl: { twee: 2, drie: 3, vier: 4, vijf: 5, zes: 6, zeven: 7, acht: 8, negen: 9, tien: 10, elf: 11, twaalf: 12, twintig: 20 },
}

const unitAlternatives = Object.keys(unitNames)
  .sort((a, b) => b.length - a.length)
  // In a u-flag pattern only syntax characters may be escaped (% may not); none but the space-free names need it.
  .map((u) => u.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  .join('|')
// A number not glued to a preceding letter ("T2", "H1N1" are names, not numbers), then an optional unit.
const numberPattern = new RegExp(`(?<![\\p{L}\\d.,])(\\d+(?:[.,]\\d+)*)(?:\\s?(${unitAlternatives})(?![\\p{L}\\d]))?`, 'giu')

function readValue(raw: string, lang: QuoteLanguage): { value: number; decimalPoint: boolean } {
  const thousands = lang === 'en' ? ',' : '.'
  const decimal = lang === 'en' ? '.' : ','
  // Groups of exactly three digits after the thousands separator: 1,000 (English) or 1.000 (Dutch).
  if (new RegExp(`^\\d{1,3}(?:\\${thousands}\\d{3})+(?:\\${decimal}\\d+)?$`).test(raw))
    return { value: Number(raw.split(thousands).join('').replace(decimal, '.')), decimalPoint: false }
  if (raw.includes(decimal) && !raw.includes(thousands)) return { value: Number(raw.replace(decimal, '.')), decimalPoint: false }
  // The other language's decimal mark: 1.5 in a Dutch sentence is read as 1.5, and said to be written the English way.
  if (raw.includes(thousands) && /^\d+[.,]\d+$/.test(raw)) return { value: Number(raw.replace(thousands, '.')), decimalPoint: lang === 'nl' }
  return { value: Number(raw.replace(/[.,]/g, '')), decimalPoint: false }
}

export function numbersOf(text: string, lang: QuoteLanguage): NumberToken[] {
  const out: NumberToken[] = []
  for (const m of text.matchAll(numberPattern)) {
    const { value, decimalPoint } = readValue(m[1]!, lang)
    if (!Number.isFinite(value)) continue
    const unit = m[2] ? (unitNames[m[2].toLowerCase()] ?? null) : null
    out.push({ value, unit, text: m[0].trim(), decimalPoint })
  }
  const words = numberWords[lang]
  for (const m of text.matchAll(/\p{L}+/gu)) {
    const value = words[m[0].toLowerCase()]
    // "in acht nemen" (to take into account) is no eight.
    if (value === undefined || (lang === 'nl' && /^acht$/i.test(m[0]) && /\bin\s+$/i.test(text.slice(0, m.index)))) continue
    out.push({ value, unit: null, text: m[0], decimalPoint: false })
  }
  return out
}

export interface NumberComparison {
  /** In the original, not in the translation (or there with another unit). */
  missing: string[]
  extra: string[]
  /** Dutch numbers written with a decimal point. */
  decimalPoints: string[]
}

/**
 * The numbers of both sides paired by value; a pair whose units differ ("8 weeks", "8 maanden") is no pair. A bare
 * number pairs with one that has a unit ("10 to 12 treatments": the unit is written once for the range).
 */
export function compareNumbers(original: string, translation: string): NumberComparison {
  const left = numbersOf(original, 'en')
  const right = numbersOf(translation, 'nl')
  const used = new Set<number>()
  const missing: string[] = []
  for (const n of left) {
    const candidates = right.map((r, i) => ({ r, i })).filter(({ r, i }) => !used.has(i) && Math.abs(r.value - n.value) < 1e-9)
    const fit = candidates.find(({ r }) => r.unit === n.unit) ?? candidates.find(({ r }) => r.unit === null || n.unit === null)
    if (fit) used.add(fit.i)
    else missing.push(n.text)
  }
  const extra = right.filter((_, i) => !used.has(i)).map((r) => r.text)
  return { missing, extra, decimalPoints: right.filter((r) => r.decimalPoint).map((r) => r.text) }
}
