// PubMed's MEDLINE format (.nbib, .txt from "Save citations"), read by Kopij itself: citation-js has no reader for it
// (its PubMed plugin fetches records from an NCBI web service instead, and requires citation-js 0.6 or older).
import type { CslItem } from '../../../shared/citations'
import { problem, type Importer, type ParsedRecord, type RawRecord } from './records'

const tagLine = /^([A-Z][A-Z0-9]{0,3})\s*- (.*)$/
const months: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 }
const languages: Record<string, string> = { eng: 'en', dut: 'nl', ger: 'de', fre: 'fr', spa: 'es', ita: 'it', por: 'pt', chi: 'zh', jpn: 'ja', rus: 'ru' }

/** Records are separated by blank lines and start with "PMID- ". */
function split(text: string): RawRecord[] {
  const records: RawRecord[] = []
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  let start = -1
  lines.forEach((line, i) => {
    const blank = line.trim() === ''
    if (!blank && start < 0) start = i
    // A new PMID line without a blank line before it still starts a new record.
    if (!blank && start >= 0 && start !== i && /^PMID- /.test(line)) {
      records.push({ line: start + 1, text: lines.slice(start, i).join('\n') })
      start = i
    }
    if (blank && start >= 0) {
      records.push({ line: start + 1, text: lines.slice(start, i).join('\n') })
      start = -1
    }
  })
  if (start >= 0) records.push({ line: start + 1, text: lines.slice(start).join('\n') })
  return records
}

/** "2010 Jul 29", "2019 Spring", "2008 Dec-2009 Jan": the first year, month and day that can be read. */
function dateParts(value: string): (number)[] | null {
  const m = /^(\d{4})(?:\s+([A-Za-z]{3})[a-z]*(?:\s+(\d{1,2}))?)?/.exec(value.trim())
  if (!m) return null
  const parts = [Number(m[1])]
  const month = m[2] ? months[m[2].toLowerCase()] : undefined
  if (month) {
    parts.push(month)
    if (m[3]) parts.push(Number(m[3]))
  }
  return parts
}

/** "Berman, Brian M" (FAU) or "Berman BM" (AU). */
function name(full: string | undefined, short: string): { family: string; given?: string } | { literal: string } {
  if (full && full.includes(', ')) {
    const [family, given] = [full.slice(0, full.indexOf(', ')), full.slice(full.indexOf(', ') + 2)]
    return { family, given }
  }
  const m = /^(.+?)\s+([A-Z]{1,4})$/.exec(short)
  return m ? { family: m[1]!, given: m[2]! } : { literal: full ?? short }
}

function read(record: RawRecord, index: number): ParsedRecord | ReturnType<typeof problem> {
  const lines = record.text.split('\n')
  const fields: [string, string][] = []
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const tag = tagLine.exec(line)
    if (tag) fields.push([tag[1]!, tag[2]!.trim()])
    else if (/^ {6}/.test(line) && fields.length) fields[fields.length - 1]![1] += ` ${line.trim()}`
    else return problem(record, index, fields.find(([t]) => t === 'PMID')?.[1] ?? '', `Line ${record.line + i} is not a MEDLINE field ("TAG - value") or its continuation.`, i + 1)
  }
  const all = (tag: string) => fields.filter(([t]) => t === tag).map(([, v]) => v)
  const one = (tag: string) => all(tag)[0]
  const pmid = one('PMID') ?? ''
  if (fields[0]?.[0] !== 'PMID' || !/^\d{1,9}$/.test(pmid)) return problem(record, index, pmid, 'A MEDLINE record must start with "PMID- " and the number.')
  const title = (one('TI') ?? one('BTI') ?? '').replace(/\.$/, '')
  const full = all('FAU')
  const short = all('AU')
  const author: NonNullable<CslItem['author']> = short.length
    ? short.map((au, i) => name(full[i], au))
    : full.map((fau) => name(fau, fau))
  for (const group of all('CN')) author.push({ literal: group })
  const ids = all('AID').concat(all('LID'))
  const doi = ids.find((v) => v.endsWith('[doi]'))?.replace(/\s*\[doi\]$/, '')
  // Online-only articles have an electronic page (e045678) in LID instead of pages in PG.
  const epage = all('LID').find((v) => v.endsWith('[pii]'))?.replace(/\s*\[pii\]$/, '')
  const page = one('PG') ?? (epage && /^e?\d+$/i.test(epage) ? epage : undefined)
  const types = all('PT')
  const issued = dateParts(one('DP') ?? one('DEP') ?? '')
  const csl: CslItem = {
    id: `pmid-${pmid}`,
    type: types.some((t) => /^Book$/i.test(t)) ? 'book' : 'article-journal',
    title,
    author,
    'container-title': one('JT'),
    'container-title-short': one('TA'),
    volume: one('VI'),
    issue: one('IP'),
    page,
    issued: issued ? { 'date-parts': [issued] } : undefined,
    DOI: doi,
    PMID: pmid,
    PMCID: one('PMC'),
    abstract: one('AB'),
    language: languages[one('LA') ?? ''] ?? one('LA'),
    ISSN: one('IS')?.replace(/\s*\(.*\)$/, ''),
  }
  for (const key of Object.keys(csl) as (keyof CslItem)[]) if (csl[key] === undefined || csl[key] === '') delete csl[key]
  if (!title && author.length === 0) return problem(record, index, pmid, 'This record has neither a title (TI) nor authors (AU).')
  return { record: index + 1, line: record.line, key: `pmid-${pmid}`, csl }
}

export function nbibImporter(_text: string): Importer {
  return { format: 'nbib', split, read }
}

/** One MEDLINE record (as PubMed's efetch answers) as a CSL item, or null. */
export function readMedline(text: string): CslItem | null {
  const [record] = split(text)
  if (!record) return null
  const result = read(record, 0)
  return 'csl' in result ? result.csl : null
}
