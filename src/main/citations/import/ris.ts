// RIS records (Zotero, EndNote, Mendeley exports), checked line by line, each read by citation-js on its own.
import { plugins } from '../citation-js'
import { CslItem } from '../../../shared/citations'
import { problem, type Importer, type RawRecord } from './records'

const tagLine = /^([A-Z][A-Z0-9])  - ?(.*)$/

function split(text: string): RawRecord[] {
  const records: RawRecord[] = []
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  let start = -1
  const close = (end: number) => {
    if (start >= 0) records.push({ line: start + 1, text: lines.slice(start, end).join('\n') })
    start = -1
  }
  lines.forEach((line, i) => {
    if (/^TY  - /.test(line)) {
      close(i)
      start = i
    } else if (/^ER  -/.test(line)) close(i + 1)
    else if (start < 0 && line.trim()) {
      // Text outside any record: kept as a record of its own, so it is reported rather than skipped.
      start = i
    }
  })
  close(lines.length)
  return records
}

export function risImporter(_text: string): Importer {
  return {
    format: 'ris',
    split,
    read(record: RawRecord, index: number) {
      const lines = record.text.split('\n')
      const id = /^ID  - (.+)$/m.exec(record.text)?.[1]?.trim() ?? ''
      if (!/^TY  - \S/.test(lines[0]!)) return problem(record, index, id, 'A RIS record must start with "TY  - " and its type.')
      if (!/^ER  -/m.test(record.text)) return problem(record, index, id, 'This record does not end with "ER  -" before the next one starts.')
      const bad = lines.findIndex((line) => line.trim() !== '' && !tagLine.test(line) && !/^\s/.test(line))
      if (bad >= 0) return problem(record, index, id, `Line ${record.line + bad} is not a RIS tag line ("XX  - value").`, bad + 1)
      let items: unknown[]
      try {
        items = plugins.input.chain(`${record.text}\n`, { generateGraph: false, forceType: '@ris/file' }) as unknown[]
      } catch (error) {
        return problem(record, index, id, String((error as Error).message).split('\n')[0]!)
      }
      const parsed = CslItem.safeParse({ id: id || `ris-${index + 1}`, ...(items[0] as object) })
      if (!parsed.success) return problem(record, index, id, 'This record has no fields citation-js can read.')
      const csl = parsed.data
      // A PubMed accession number is a PMID: EndNote and PubMed-derived exports put it in AN.
      const an = /^AN  - (?:PMID:?\s*)?(\d{1,9})\s*$/m.exec(record.text)?.[1]
      if (an && (/^(?:DB|DP)  - .*(?:PubMed|MEDLINE|NLM)/im.test(record.text) || /^AN  - PMID/m.test(record.text))) csl.PMID = an
      if (!csl.title && !csl.author?.length) return problem(record, index, id, 'This record has neither a title (TI) nor authors (AU).')
      return { record: index + 1, line: record.line, key: id, csl }
    },
  }
}

