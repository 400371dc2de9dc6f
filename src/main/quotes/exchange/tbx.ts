// TBX (TBX-Basic, v2 <martif> and v3 <tbx>): term bases of other tools into the glossary, and the glossary out.
import type { ExchangeProblem, GlossaryEntry } from '../../../shared/quotes'
import { ExchangeError, languageOf, readXml, xmlText, type ReadControl } from './xml'

export interface GlossaryRecord {
  record: number
  line: number
  term: string
  preferred: string[]
  forbidden: string[]
  note: string
}

export interface GlossaryReadResult {
  records: GlossaryRecord[]
  problems: ExchangeProblem[]
  entries: number
}

interface Term {
  lang: string
  text: string
  status: string
}

/** deprecatedTerm-admn-sts, supersededTerm-admn-sts (v2) or deprecatedTerm (normativeAuthorization): do not use. */
const isForbidden = (status: string) => /deprecated|superseded|forbidden/i.test(status)

export async function readTbx(text: string, control: ReadControl): Promise<GlossaryReadResult | null> {
  const result: GlossaryReadResult = { records: [], problems: [], entries: 0 }
  const state = { root: null as string | null }
  let entry: { line: number; terms: Term[]; notes: string[] } | null = null
  let lang = ''
  let term: Term | null = null
  let field: 'term' | 'status' | 'note' | null = null
  let buffer = ''
  const ok = await readXml(
    text,
    {
      open(name, attributes, line) {
        if (state.root === null) {
          state.root = name
          if (name !== 'martif' && name !== 'tbx') throw new ExchangeError(`This is not a TBX file (its root element is <${name}>, not <martif> or <tbx>).`, line)
        }
        if (name === 'termEntry' || name === 'conceptEntry') entry = { line, terms: [], notes: [] }
        else if (!entry) return
        else if (name === 'langSet' || name === 'langSec') lang = languageOf(attributes)
        else if (name === 'tig' || name === 'ntig' || name === 'termSec') term = { lang, text: '', status: '' }
        else if (name === 'term' && term) field = 'term'
        else if (name === 'termNote' && term && /administrativeStatus|normativeAuthorization/.test(attributes.type ?? '')) field = 'status'
        else if ((name === 'note' || (name === 'descrip' && attributes.type === 'definition')) && !term && (lang === '' || lang === 'en' || lang === 'nl')) field = 'note'
        if (field) buffer = ''
      },
      text(t) {
        if (field) buffer += t
      },
      close(name) {
        const value = buffer.replace(/\s+/g, ' ').trim()
        if (field === 'term' && name === 'term' && term) term.text = value
        else if (field === 'status' && name === 'termNote' && term) term.status = value
        else if (field === 'note' && (name === 'note' || name === 'descrip') && entry && value) entry.notes.push(value)
        if (field && (name === 'term' || name === 'termNote' || name === 'note' || name === 'descrip')) field = null
        if ((name === 'tig' || name === 'ntig' || name === 'termSec') && term && entry) {
          if (term.text) entry.terms.push(term)
          term = null
        } else if (name === 'langSet' || name === 'langSec') lang = ''
        else if ((name === 'termEntry' || name === 'conceptEntry') && entry) {
          const record = ++result.entries
          const english = entry.terms.filter((t) => t.lang === 'en')
          const dutch = entry.terms.filter((t) => t.lang === 'nl')
          const preferred = dutch.filter((t) => !isForbidden(t.status)).map((t) => t.text)
          const forbidden = dutch.filter((t) => isForbidden(t.status)).map((t) => t.text)
          if (english.length === 0 || preferred.length === 0)
            result.problems.push({ record, line: entry.line, message: english.length === 0 ? 'No English term.' : 'No Dutch term that may be used.' })
          // An entry with English synonyms becomes one glossary entry per English term, each with the same Dutch terms.
          else for (const en of english) result.records.push({ record, line: entry.line, term: en.text, preferred, forbidden, note: entry.notes.join(' ') })
          entry = null
        }
      },
    },
    control,
  )
  if (!ok) return null
  if (state.root === null) throw new ExchangeError('This is not a TBX file: it has no elements.')
  return result
}

/** The glossary as TBX-Basic (v2, the <martif> form most CAT tools read): Dutch terms preferred or deprecated. */
export function writeTbx(entries: readonly GlossaryEntry[]): string {
  const tig = (text: string, status?: string) =>
    `<tig><term>${xmlText(text)}</term>${status ? `<termNote type="administrativeStatus">${status}</termNote>` : ''}</tig>`
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<martif type="TBX-Basic" xml:lang="en">',
    '  <martifHeader><fileDesc><sourceDesc><p>Kopij glossary</p></sourceDesc></fileDesc><encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc></martifHeader>',
    '  <text><body>',
  ]
  for (const entry of entries) {
    lines.push(
      `    <termEntry id="k-${xmlText(entry.id)}">${entry.note ? `<note>${xmlText(entry.note)}</note>` : ''}`,
      `      <langSet xml:lang="en">${tig(entry.term)}</langSet>`,
      `      <langSet xml:lang="nl">${[...entry.preferred.map((t) => tig(t, 'preferredTerm-admn-sts')), ...entry.forbidden.map((t) => tig(t, 'deprecatedTerm-admn-sts'))].join('')}</langSet>`,
      '    </termEntry>',
    )
  }
  lines.push('  </body></text>', '</martif>', '')
  return lines.join('\n')
}
