// CSL-JSON (an array of items, or one item): each element read on its own, so a bad one names its own line.
import { CslItem } from '../../../shared/citations'
import { lineCounter, problem, type Importer, type RawRecord } from './records'

/**
 * The top-level elements of a JSON array as text, found by a scan that knows strings and nesting; a single object is
 * one record. Anything that is not an array or an object is one record too, which then fails to parse (and says so).
 */
function split(text: string): RawRecord[] {
  const body = text.replace(/^\uFEFF/, '')
  const first = body.search(/\S/)
  const lineAt = lineCounter(body)
  if (first < 0) return []
  if (body[first] !== '[') return [{ line: lineAt(first), text: body.slice(first).trim() }]
  const records: RawRecord[] = []
  let depth = 0
  let inString = false
  let start = -1
  for (let i = first; i < body.length; i++) {
    const c = body[i]!
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
      continue
    }
    if (c === '"') {
      inString = true
      if (depth === 1 && start < 0) start = i
    } else if (c === '[' || c === '{') {
      if (depth === 1 && start < 0) start = i
      depth++
    } else if (c === ']' || c === '}') {
      depth--
      if (depth === 0) {
        if (start >= 0) records.push({ line: lineAt(start), text: body.slice(start, i).trim() })
        return records
      }
    } else if (c === ',' && depth === 1) {
      if (start >= 0) records.push({ line: lineAt(start), text: body.slice(start, i).trim() })
      start = -1
    } else if (depth === 1 && start < 0 && /\S/.test(c)) start = i
  }
  // The array never closed: what was read is reported, the rest as one broken record.
  if (start >= 0) records.push({ line: lineAt(start), text: body.slice(start).trim() })
  return records
}

export function cslJsonImporter(_text: string): Importer {
  return {
    format: 'csl-json',
    split,
    read(record: RawRecord, index: number) {
      let value: unknown
      try {
        value = JSON.parse(record.text)
      } catch (error) {
        return problem(record, index, '', `Not valid JSON: ${(error as Error).message}`)
      }
      const key = typeof (value as { id?: unknown })?.id === 'string' || typeof (value as { id?: unknown })?.id === 'number' ? String((value as { id: unknown }).id) : ''
      const parsed = CslItem.safeParse({ ...(value as object), id: key || `csl-${index + 1}` })
      if (!value || typeof value !== 'object' || Array.isArray(value) || !parsed.success)
        return problem(record, index, key, `Not a CSL item: ${parsed.success ? 'expected an object' : parsed.error.issues.map((i) => `${i.path.join('.') || 'item'} ${i.message}`).join('; ')}`)
      if (!parsed.data.title && !parsed.data.author?.length) return problem(record, index, key, 'This item has neither a title nor authors.')
      return { record: index + 1, line: record.line, key, csl: parsed.data }
    },
  }
}
