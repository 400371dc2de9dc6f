// Glossaries as CSV or tab-separated text (OmegaT's glossary files, spreadsheets): read with or without a header, written safely.
import type { ExchangeProblem, GlossaryEntry } from '../../../shared/quotes'
import type { GlossaryReadResult } from './tbx'
import type { ReadControl } from './xml'

type Column = 'term' | 'preferred' | 'forbidden' | 'note'

/** Header names Kopij understands, in English and Dutch, and those of common tools. */
const headerNames: Record<string, Column> = {
  term: 'term', en: 'term', english: 'term', engels: 'term', source: 'term', bron: 'term', 'source term': 'term',
  preferred: 'preferred', nl: 'preferred', dutch: 'preferred', nederlands: 'preferred', target: 'preferred', doel: 'preferred', 'target term': 'preferred', voorkeur: 'preferred', translation: 'preferred', vertaling: 'preferred',
  forbidden: 'forbidden', verboden: 'forbidden', deprecated: 'forbidden', 'do not use': 'forbidden', 'niet gebruiken': 'forbidden',
  note: 'note', notes: 'note', notitie: 'note', comment: 'note', opmerking: 'note', toelichting: 'note', definition: 'note',
}

/** The delimiter of the first line: tab, semicolon (Dutch Excel) or comma, whichever occurs most outside quotes. */
function delimiterOf(text: string): string {
  const end = text.search(/\r?\n/)
  const first = (end < 0 ? text : text.slice(0, end)).replace(/"[^"]*"/g, '')
  const [best] = ['\t', ';', ','].map((d) => ({ d, n: first.split(d).length - 1 })).sort((a, b) => b.n - a.n)
  return best!.n > 0 ? best!.d : ','
}

/** RFC 4180 rows (quoted fields may hold delimiters, quotes and line breaks), with the line each starts on. */
export function* csvRows(text: string, delimiter: string): Generator<{ cells: string[]; line: number; offset: number }> {
  let cells: string[] = []
  let cell = ''
  let quoted = false
  let line = 1
  let start = 1
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++
      else if (c === '"') quoted = false
      else {
        if (c === '\n') line++
        cell += c
      }
    } else if (c === '"' && cell === '') quoted = true
    else if (c === delimiter) cells.push(cell), (cell = '')
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      cells.push(cell)
      if (cells.some((x) => x.trim())) yield { cells, line: start, offset: i }
      cells = []
      cell = ''
      start = ++line
    } else cell += c
  }
  cells.push(cell)
  if (cells.some((x) => x.trim())) yield { cells, line: start, offset: text.length }
}

/** A cell of several terms: "acupunctuur | naaldbehandeling" (also ; when that is not the delimiter). */
const termsOf = (cell: string, delimiter: string) =>
  cell
    .split(delimiter === ';' ? /\|/ : /[|;]/)
    .map((t) => t.replace(/^'(?=[=+\-@])/, '').trim())
    .filter(Boolean)

export async function readCsv(text: string, control: ReadControl): Promise<GlossaryReadResult | null> {
  const body = text.replace(/^\uFEFF/, '')
  const delimiter = delimiterOf(body)
  const result: GlossaryReadResult = { records: [], problems: [], entries: 0 }
  let columns: Column[] | null = null
  let rows = 0
  for (const { cells, line, offset } of csvRows(body, delimiter)) {
    if (++rows % 2000 === 0) {
      await new Promise((resolve) => setImmediate(resolve))
      if (control.cancelled()) return null
      control.progress(offset, body.length)
    }
    const named = cells.map((c) => headerNames[c.trim().toLowerCase()])
    if (columns === null) {
      if (named[0] && named.some((n) => n === 'preferred')) {
        columns = named.map((n) => n ?? 'note')
        continue
      }
      // No header: term, preferred, forbidden, note; a three-column tab file is OmegaT's source, target, comment.
      columns = delimiter === '\t' && cells.length === 3 ? ['term', 'preferred', 'note'] : ['term', 'preferred', 'forbidden', 'note']
    }
    const record = ++result.entries
    const get = (column: Column) => cells.filter((_, i) => columns![i] === column)
    const term = (get('term')[0] ?? '').replace(/^'(?=[=+\-@])/, '').trim()
    const preferred = get('preferred').flatMap((c) => termsOf(c, delimiter))
    const forbidden = get('forbidden').flatMap((c) => termsOf(c, delimiter))
    const note = get('note').map((c) => c.trim()).filter(Boolean).join(' ')
    const problem = (message: string) => result.problems.push({ record, line, message } satisfies ExchangeProblem)
    if (!term) problem('No English term.')
    else if (preferred.length === 0) problem(`No Dutch term for "${term.slice(0, 80)}".`)
    else if (term.length > 200 || preferred.some((t) => t.length > 200)) problem('A term longer than 200 characters.')
    else result.records.push({ record, line, term, preferred, forbidden, note: note.slice(0, 2000) })
  }
  control.progress(body.length, body.length)
  return result
}

/** A cell as a spreadsheet may open it: quoted when needed, and a leading = + - @ made text (no formula runs). */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\n\r;|]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

export function writeCsv(entries: readonly GlossaryEntry[]): string {
  const rows = [['term', 'preferred', 'forbidden', 'note'].join(',')]
  for (const e of entries) rows.push([e.term, e.preferred.join(' | '), e.forbidden.join(' | '), e.note].map(cell).join(','))
  return `${rows.join('\r\n')}\r\n`
}
