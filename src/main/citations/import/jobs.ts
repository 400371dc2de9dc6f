// An import as the editor runs it: checked in slices (progress, cancel), then stored in one transaction or not at all.
import type { ImportProblem, ImportReport } from '../../../shared/citations'
import { ApiError } from '../../../shared/errors'
import type { Archive } from '../../archive'
import type { EventBus } from '../../events'
import { summaryOf, tidy, titleKey } from '../records'
import type { SourceStore } from '../store'
import { detectFormat, importerFor, isProblem, type ParsedRecord } from './index'

/** Records read between two looks at the event loop: the archive keeps answering saves while a big file is read. */
const sliceSize = 200
const maxListed = 200
/** A checked import waits this long for the editor to commit it. */
const keepMs = 30 * 60_000

interface Checked {
  records: (ParsedRecord & { duplicate: boolean })[]
  at: number
}

export class ImportJobs {
  private readonly running = new Map<string, { cancelled: boolean }>()
  private readonly checked = new Map<string, Checked>()

  constructor(
    private readonly archive: Archive,
    private readonly store: SourceStore,
    private readonly events: EventBus,
  ) {}

  async check(jobId: string, text: string, fileName: string): Promise<ImportReport> {
    this.expire()
    if (this.running.has(jobId) || this.checked.has(jobId)) throw new ApiError('conflict', `Import ${jobId} exists already.`)
    const format = detectFormat(text, fileName)
    const report: ImportReport = { jobId, format, records: 0, good: 0, problems: [], problemCount: 0, duplicates: 0, cancelled: false, preview: [] }
    if (!format) {
      report.problems.push({ record: 1, line: 1, key: '', message: 'Kopij does not recognise this as BibTeX, RIS, CSL-JSON or MEDLINE (PubMed .nbib).' })
      report.problemCount = 1
      return report
    }
    const state = { cancelled: false }
    this.running.set(jobId, state)
    try {
      const importer = importerFor(format, text)
      const raw = importer.split(text)
      report.records = raw.length
      const { dois, pmids } = this.store.identifiers()
      const titles = new Set(this.store.titleKeys().keys())
      const good: Checked['records'] = []
      const problems: ImportProblem[] = []
      let lastEvent = 0
      for (let from = 0; from < raw.length; from += sliceSize) {
        if (from > 0) {
          await new Promise((resolve) => setImmediate(resolve))
          if (state.cancelled) return { ...report, cancelled: true }
          if (Date.now() - lastEvent > 100) {
            lastEvent = Date.now()
            this.events.emit('sources.importProgress', { jobId, done: from, total: raw.length })
          }
        }
        const slice = raw.slice(from, from + sliceSize)
        const results = importer.readMany ? importer.readMany(slice, from) : slice.map((r, i) => importer.read(r, from + i))
        for (const result of results) {
          if (isProblem(result)) {
            problems.push(result)
            continue
          }
          const csl = tidy(result.csl)
          const doi = typeof csl.DOI === 'string' ? csl.DOI.toLowerCase() : ''
          const pmid = typeof csl.PMID === 'string' ? csl.PMID : ''
          const key = titleKey(csl)
          // The same work twice in the file counts as a duplicate too.
          const duplicate = (!!doi && dois.has(doi)) || (!!pmid && pmids.has(pmid)) || (!!key && titles.has(key))
          if (doi) dois.add(doi)
          if (pmid) pmids.add(pmid)
          if (key) titles.add(key)
          good.push({ ...result, csl, duplicate })
        }
      }
      this.events.emit('sources.importProgress', { jobId, done: raw.length, total: raw.length })
      if (state.cancelled) return { ...report, cancelled: true }
      this.checked.set(jobId, { records: good, at: Date.now() })
      return {
        ...report,
        good: good.length,
        problems: problems.slice(0, maxListed),
        problemCount: problems.length,
        duplicates: good.filter((r) => r.duplicate).length,
        preview: good.slice(0, 5).map((r) => summaryOf(r.key || `#${r.record}`, r.csl, false)),
      }
    } finally {
      this.running.delete(jobId)
    }
  }

  cancel(jobId: string): void {
    const running = this.running.get(jobId)
    if (running) running.cancelled = true
    this.checked.delete(jobId)
  }

  /** Stores the good records (duplicates skipped when asked) in one transaction: all of them, or none. */
  commit(jobId: string, skipDuplicates: boolean): { added: number; skipped: number; ids: string[] } {
    const job = this.checked.get(jobId)
    if (!job) throw new ApiError('not-found', `There is no checked import ${jobId}; check the file again.`)
    const ids: string[] = []
    let skipped = 0
    this.archive.transaction(() => {
      for (const record of job.records) {
        if (skipDuplicates && record.duplicate) {
          skipped++
          continue
        }
        ids.push(this.store.insert(record.csl, { preferredId: record.key }))
      }
    })
    this.checked.delete(jobId)
    this.events.emit('sources.changed', { ids })
    return { added: ids.length, skipped, ids }
  }

  private expire() {
    const now = Date.now()
    for (const [id, job] of this.checked) if (now - job.at > keepMs) this.checked.delete(id)
  }
}
