// `npm run bench`: typing, opening, saving and searching measured in one run against baselines of the same run.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startKopij } from '../src/main/kopij'
import { cacheDir, cachedArchive } from './archive'
import { benchCitations } from './citations'
import { chromiumVersion, launch } from './chromium'
import { config, log, quick, targets } from './config'
import { benchEditor, profileTyping } from './editor'
import { benchLargeArchive } from './large'
import { benchPublishing } from './publishing'
import { runAlone } from './lock'
import { buildRenderer } from './renderer'
import { machineFacts, resolve, table, writeResults, type Metric } from './report'

const loadAverage = () => os.loadavg().map((l) => Math.round(l * 100) / 100)

async function main() {
  const lock = await runAlone(path.join(cacheDir, 'run.lock'), log)
  const started = new Date()
  // Another build or test run on a 2-core machine moves every figure: the load before the run is recorded with them.
  const loadAtStart = loadAverage()
  log(`Kopij bench${quick ? ' (quick: fewer samples, figures are indicative only)' : ''}; load average ${loadAtStart.join(' ')}`)
  const rendererDir = await buildRenderer()
  log(`Renderer built from the working tree into ${path.relative(process.cwd(), rendererDir)}`)
  const large = cachedArchive(config.archiveArticles, log)
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kopij-bench-'))
  const browser = await launch()
  const sections: Record<string, unknown> = {}
  const metrics: Metric[] = []
  try {
    const editor = await benchEditor(browser, rendererDir, work)
    sections.editor = editor.details
    metrics.push(...editor.metrics)

    log('Search on the large archive …')
    const search = await benchLargeArchive(browser, rendererDir, large.file)
    sections.search = search.details
    metrics.push(...search.metrics)

    const publishing = await benchPublishing(work, log)
    sections.publishing = publishing.details
    metrics.push(...publishing.metrics)

    const citations = await benchCitations(browser, rendererDir, work)
    sections.citations = citations.details
    metrics.push(...citations.metrics)

    if (!quick) {
      log('CPU profile of typing (readable build) …')
      sections.typingProfile = await profileTyping(browser, work)
    }
  } finally {
    await browser.close()
    fs.rmSync(work, { recursive: true, force: true })
    lock.release()
  }

  const resolved = metrics.map(resolve)
  const result = {
    kind: 'kopij-bench',
    version: 1,
    startedAt: started.toISOString(),
    seconds: Math.round((Date.now() - started.getTime()) / 1000),
    machine: {
      ...machineFacts(chromiumVersion(), sqliteVersion(large.file)),
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: loadAverage(),
      waitedForAnotherRunSeconds: lock.waitedSeconds,
    },
    config,
    archive: { file: path.relative(process.cwd(), large.file), generatedThisRun: large.generated, generateSeconds: large.generateSeconds },
    targets,
    metrics: resolved,
    ...sections,
  }
  const file = writeResults(result, started)
  log('')
  log(table(resolved))
  log('')
  const missed = resolved.filter((m) => m.met === false)
  log(missed.length ? `Targets missed: ${missed.map((m) => m.label).join('; ')}` : 'Every target met.')
  log(`Results: ${path.relative(process.cwd(), file)} (and bench/results/latest.json), ${result.seconds} s`)
  log(`Load average at start ${result.machine.loadAverageAtStart.join(' ')}, at end ${result.machine.loadAverageAtEnd.join(' ')} (other work on the machine moves every figure)`)
}

function sqliteVersion(file: string): string {
  const kopij = startKopij({ archivePath: file, host: 'cli', demo: false, readonly: true })
  try {
    return (kopij.archive.db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v
  } finally {
    kopij.close()
  }
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
