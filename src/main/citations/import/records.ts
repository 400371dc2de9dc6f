// What every importer hands on: records with the line they start on, and problems that name record and line.
import type { CslItem, ImportFormat, ImportProblem } from '../../../shared/citations'

export interface RawRecord {
  /** 1-based line of the file the record starts on. */
  line: number
  text: string
}

export interface ParsedRecord {
  /** 1-based number of the record in the file. */
  record: number
  line: number
  /** The record's own key (BibTeX key, PMID), kept as the source id when it is free. */
  key: string
  csl: CslItem
}

export interface ParseResult {
  good: ParsedRecord[]
  problems: ImportProblem[]
}

/** An importer: split the text into records (cheap), then read one record at a time (so progress can be told). */
export interface Importer {
  format: ImportFormat
  split(text: string): RawRecord[]
  read(record: RawRecord, index: number): ParsedRecord | ImportProblem
  /** Reads consecutive records at once where that is faster; the same results as `read` one by one. */
  readMany?(records: RawRecord[], firstIndex: number): (ParsedRecord | ImportProblem)[]
}

export const lineAt = (text: string, offset: number): number => lineCounter(text)(offset)

/** Line numbers of increasing offsets in one pass over the text (a file of 10,000 records is read once, not 10,000 times). */
export function lineCounter(text: string): (offset: number) => number {
  let line = 1
  let at = 0
  return (offset) => {
    if (offset < at) {
      line = 1
      at = 0
    }
    for (let i = text.indexOf('\n', at); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
      line++
      at = i + 1
    }
    return line
  }
}

/** The problem a record has, with the line counted from the file's start. */
export const problem = (record: RawRecord, index: number, key: string, message: string, lineInRecord = 1): ImportProblem => ({
  record: index + 1,
  line: record.line + lineInRecord - 1,
  key,
  message,
})

export const isProblem = (value: ParsedRecord | ImportProblem): value is ImportProblem => 'message' in value
