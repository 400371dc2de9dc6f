// BibTeX (and BibLaTeX) records, each read by citation-js on its own so one broken entry names itself and no other.
import { plugins } from '../citation-js'
import { CslItem } from '../../../shared/citations'
import type { ImportProblem } from '../../../shared/citations'
import { lineCounter, problem, type Importer, type ParsedRecord, type RawRecord } from './records'

const entryStart = /@([a-zA-Z]+)\s*[{(]/g

/** @string macros, which entries may use; each entry is read with them in front. */
function macros(text: string): string {
  return [...text.matchAll(/^\s*@string\s*[{(][^\n]*$/gim)].map((m) => m[0].trim()).join('\n')
}

function split(text: string): RawRecord[] {
  const records: RawRecord[] = []
  entryStart.lastIndex = 0
  const starts: { at: number; type: string }[] = []
  for (let m = entryStart.exec(text); m; m = entryStart.exec(text)) {
    // An entry starts a line (after spaces); an @ inside a field's text does not.
    const before = text.lastIndexOf('\n', m.index - 1)
    if (text.slice(before + 1, m.index).trim() === '') starts.push({ at: m.index, type: m[1]!.toLowerCase() })
  }
  const lineAt = lineCounter(text)
  starts.forEach((start, i) => {
    if (['string', 'comment', 'preamble'].includes(start.type)) return
    const end = i + 1 < starts.length ? starts[i + 1]!.at : text.length
    records.push({ line: lineAt(start.at), text: text.slice(start.at, end).trimEnd() })
  })
  return records
}

/**
 * Balanced braces, or the line to show for a broken entry: where a field starts while the value before it is still
 * open (the usual slip: a value's closing brace forgotten), else where the last unclosed brace was opened.
 */
function unbalanced(text: string): number | null {
  const open: number[] = []
  let line = 1
  let stray: number | null = null
  for (const char of text) {
    if (char === '\n') line++
    else if (char === '{') open.push(line)
    else if (char === '}' && open.pop() === undefined) stray ??= line
  }
  if (stray === null && open.length === 0) return null
  if (stray !== null) return stray
  const depth: number[] = []
  const lines = text.split('\n')
  for (let i = 0, d = 0; i < lines.length; i++) {
    if (d >= 2 && /^\s*[\w-]+\s*=/.test(lines[i]!)) return depth[depth.length - 1]!
    for (const char of lines[i]!) {
      if (char === '{') {
        d++
        depth.push(i + 1)
      } else if (char === '}') {
        d--
        depth.pop()
      }
    }
  }
  return open[open.length - 1]!
}

export function bibtexImporter(text: string): Importer {
  const strings = macros(text)
  const stringLines = strings ? strings.split('\n').length : 0
  const keyOf = (record: RawRecord) => /^@\w+\s*[{(]\s*([^,\s]*)/.exec(record.text)?.[1] ?? ''

  /** What Kopij adds to citation-js's reading of one entry: PubMed ids, and a refusal of entries with nothing in them. */
  const finish = (record: RawRecord, index: number, item: unknown): ParsedRecord | ImportProblem => {
    const key = keyOf(record)
    const parsed = CslItem.safeParse(item)
    if (!parsed.success) return problem(record, index, key, 'This entry has no fields citation-js can read.')
    const csl = { ...parsed.data }
    delete (csl as Record<string, unknown>)['citation-key']
    // citation-js leaves PubMed ids out; reference managers write them as pmid = {…}.
    const pmid = /\bpmid\s*=\s*[{"]?\s*(\d{1,9})/i.exec(record.text)?.[1]
    if (pmid) csl.PMID = pmid
    const pmcid = /\bpmcid\s*=\s*[{"]?\s*(PMC\d+)/i.exec(record.text)?.[1]
    if (pmcid) csl.PMCID = pmcid
    if (!csl.title && !csl.author?.length) return problem(record, index, key, 'This entry has neither a title nor authors.')
    return { record: index + 1, line: record.line, key, csl }
  }

  const read = (record: RawRecord, index: number): ParsedRecord | ImportProblem => {
    const key = keyOf(record)
    const stop = unbalanced(record.text)
    if (stop !== null) return problem(record, index, key, 'The braces { } of this entry do not match.', stop)
    let items: unknown[]
    try {
      items = plugins.input.chain(strings ? `${strings}\n${record.text}` : record.text, { generateGraph: false, forceType: '@bibtex/text' })
    } catch (error) {
      const message = String((error as Error).message).split('\n')[0]!
      const at = /at line (\d+)/.exec(message)
      return problem(record, index, key, message.replace(/ at line \d+ col \d+:?$/, ''), at ? Math.max(1, Number(at[1]) - stringLines) : 1)
    }
    if (items.length !== 1) return problem(record, index, key, 'This entry has no fields citation-js can read.')
    return finish(record, index, items[0])
  }

  return {
    format: 'bibtex',
    split,
    read,
    // One parse for a slice of entries is three times faster; a slice with a broken entry is read entry by entry.
    readMany(records, firstIndex) {
      if (records.some((r) => unbalanced(r.text) !== null)) return records.map((r, i) => read(r, firstIndex + i))
      try {
        const items = plugins.input.chain([strings, ...records.map((r) => r.text)].filter(Boolean).join('\n'), { generateGraph: false, forceType: '@bibtex/text' })
        const keys = items.map((item) => (item as { id?: unknown }).id)
        if (items.length === records.length && records.every((r, i) => keyOf(r) === '' || keyOf(r) === keys[i]))
          return records.map((r, i) => finish(r, firstIndex + i, items[i]))
      } catch {
        // Falls back to one entry at a time, which names the broken one.
      }
      return records.map((r, i) => read(r, firstIndex + i))
    },
  }
}
