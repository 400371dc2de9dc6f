// Imports of TMX (into the memory), TBX and CSV (into the glossary): checked in slices, then stored all at once or not at all.
import { ApiError } from '../../../shared/errors'
import { maxExchangeBytes, type ExchangeFormat, type ExchangeProblem, type ExchangeReport, type ExchangeTarget } from '../../../shared/quotes'
import type { Archive } from '../../archive'
import type { EventBus } from '../../events'
import type { GlossaryStore } from '../glossary/store'
import { termKey } from '../glossary/store'
import { pairHash, type TmStore } from '../tm/store'
import { readCsv } from './csv'
import { readTbx, type GlossaryRecord } from './tbx'
import { readTmx, type TmxResult } from './tmx'
import { ExchangeError } from './xml'

const maxListed = 200
/** A checked import waits this long for the editor to store it. */
const keepMs = 30 * 60_000

type Checked =
  | { target: 'tm'; pairs: TmxResult['pairs']; at: number }
  | { target: 'glossary'; records: GlossaryRecord[]; at: number }

/** The format of a file, by its name, else by its first element (XML) or as delimited text. */
export function detectFormat(text: string, fileName: string): ExchangeFormat {
  const extension = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1]
  if (extension === 'tmx') return 'tmx'
  if (extension === 'tbx') return 'tbx'
  if (extension === 'csv' || extension === 'tsv' || extension === 'txt' || extension === 'utf8') return 'csv'
  const start = text.slice(0, 4096).replace(/^\uFEFF/, '').replace(/<\?xml[^>]*\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>/gi, '').trimStart()
  if (start.startsWith('<tmx')) return 'tmx'
  if (start.startsWith('<martif') || start.startsWith('<tbx')) return 'tbx'
  if (start.startsWith('<')) return 'tmx'
  return 'csv'
}

export class ExchangeJobs {
  private readonly running = new Map<string, { cancelled: boolean }>()
  private readonly checked = new Map<string, Checked>()

  constructor(
    private readonly archive: Archive,
    private readonly tm: TmStore,
    private readonly glossary: GlossaryStore,
    private readonly events: EventBus,
  ) {}

  async check(jobId: string, target: ExchangeTarget, text: string, fileName: string): Promise<ExchangeReport> {
    this.expire()
    if (this.running.has(jobId) || this.checked.has(jobId)) throw new ApiError('conflict', `Import ${jobId} exists already.`)
    const format = detectFormat(text, fileName)
    const report: ExchangeReport = { jobId, format, target, records: 0, good: 0, problems: [], problemCount: 0, duplicates: 0, cancelled: false, preview: [] }
    const refuse = (message: string, line = 0): ExchangeReport => ({ ...report, problems: [{ record: 0, line, message }], problemCount: 1 })
    const bytes = Buffer.byteLength(text, 'utf8')
    if (bytes > maxExchangeBytes) return refuse(`The file is ${Math.round(bytes / 2 ** 20)} MB; Kopij reads files of up to ${maxExchangeBytes / 2 ** 20} MB.`)
    if (target === 'tm' && format !== 'tmx') return refuse('A translation memory is read from a TMX file; this file looks like a glossary (TBX or CSV).')
    if (target === 'glossary' && format === 'tmx') return refuse('A glossary is read from a TBX or CSV file; this file looks like a translation memory (TMX).')
    const state = { cancelled: false }
    this.running.set(jobId, state)
    let last = 0
    const control = {
      cancelled: () => state.cancelled,
      progress: (done: number, total: number) => {
        if (done < total && Date.now() - last < 100) return
        last = Date.now()
        this.events.emit('quotes.importProgress', { jobId, done, total })
      },
    }
    try {
      if (format === 'tmx') {
        const read = await readTmx(text, control)
        if (!read || state.cancelled) return { ...report, cancelled: true }
        const hashes = read.pairs.map((p) => pairHash(p.source, p.target))
        const known = this.tm.knownPairs(hashes)
        const inFile = new Set<string>()
        const duplicates = hashes.filter((h) => known.has(h) || inFile.has(h) || !inFile.add(h)).length
        this.checked.set(jobId, { target: 'tm', pairs: read.pairs, at: Date.now() })
        return this.finish(report, read.units, read.pairs.length, read.problems, duplicates, read.pairs.map((p) => ({ source: p.source, target: p.target })))
      }
      const read = format === 'tbx' ? await readTbx(text, control) : await readCsv(text, control)
      if (!read || state.cancelled) return { ...report, cancelled: true }
      const duplicates = read.records.filter((r) => this.glossary.byTerm(r.term)).length
      this.checked.set(jobId, { target: 'glossary', records: read.records, at: Date.now() })
      return this.finish(report, read.entries, read.records.length, read.problems, duplicates, read.records.map((r) => ({ source: r.term, target: r.preferred.join(' | ') })))
    } catch (error) {
      if (error instanceof ExchangeError) return refuse(error.message, error.line)
      throw error
    } finally {
      this.running.delete(jobId)
    }
  }

  private finish(report: ExchangeReport, records: number, good: number, problems: ExchangeProblem[], duplicates: number, preview: ExchangeReport['preview']): ExchangeReport {
    return { ...report, records, good, problems: problems.slice(0, maxListed), problemCount: problems.length, duplicates, preview: preview.slice(0, 5) }
  }

  cancel(jobId: string): void {
    const running = this.running.get(jobId)
    if (running) running.cancelled = true
    this.checked.delete(jobId)
  }

  /** Stores a checked import in one transaction: memory pairs it lacks; glossary entries new or merged into the known term's. */
  commit(jobId: string): { added: number; updated: number; skipped: number } {
    const job = this.checked.get(jobId)
    if (!job) throw new ApiError('not-found', `There is no checked import ${jobId}; check the file again.`)
    let result = { added: 0, updated: 0, skipped: 0 }
    if (job.target === 'tm') {
      const added = this.archive.transaction(() => this.tm.addImported(job.pairs))
      result = { added, updated: 0, skipped: job.pairs.length - added }
      this.events.emit('tm.changed', { units: this.tm.count() })
    } else {
      this.archive.transaction(() => {
        // Later records of the same term in one file add to the earlier ones.
        const byKey = new Map<string, GlossaryRecord>()
        for (const r of job.records) {
          const key = termKey(r.term)
          const seen = byKey.get(key)
          byKey.set(key, seen ? { ...seen, preferred: [...seen.preferred, ...r.preferred], forbidden: [...seen.forbidden, ...r.forbidden], note: seen.note || r.note } : r)
        }
        for (const record of byKey.values()) {
          const existing = this.glossary.byTerm(record.term)
          if (!existing) {
            this.glossary.save({ term: record.term, preferred: record.preferred.slice(0, 20), forbidden: record.forbidden.slice(0, 20), note: record.note })
            result.added++
            continue
          }
          // Nothing known is lost: the file's terms come first, the glossary's own stay unless the file forbids them.
          const forbidden = [...new Set([...record.forbidden, ...existing.forbidden])]
          const preferred = [...new Set([...record.preferred, ...existing.preferred])].filter((t) => !record.forbidden.includes(t))
          const next = { term: existing.term, preferred: preferred.slice(0, 20), forbidden: forbidden.filter((t) => !preferred.includes(t)).slice(0, 20), note: record.note || existing.note }
          const changed = JSON.stringify([next.preferred, next.forbidden, next.note]) !== JSON.stringify([existing.preferred, existing.forbidden, existing.note])
          if (changed) {
            this.glossary.save(next, existing.id)
            result.updated++
          } else result.skipped++
        }
      })
      this.events.emit('glossary.changed', {})
    }
    this.checked.delete(jobId)
    return result
  }

  private expire() {
    const now = Date.now()
    for (const [id, job] of this.checked) if (now - job.at > keepMs) this.checked.delete(id)
  }
}
