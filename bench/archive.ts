// The bench's large archive: generated once per generator and schema version, then reused from .cache/bench/.
import fs from 'node:fs'
import path from 'node:path'
import { createHash } from 'node:crypto'
import { Archive, migrations } from '../src/main/archive'
import { seedDemo } from '../src/main/archive/demo'
import { fillArchive, generatorVersion } from './generate'

export const cacheDir = path.resolve(__dirname, '../.cache/bench')

/** Bumped when what goes into the archive besides the generated articles changes (here: the demo article first). */
const layoutVersion = 1

export interface CachedArchive {
  file: string
  /** True when this run generated it (its time is then not part of the bench). */
  generated: boolean
  generateSeconds: number | null
}

/** The cached archive of `count` generated articles, built (and said so) when it is missing. */
export function cachedArchive(count: number, log: (line: string) => void): CachedArchive {
  // The schema's own text, not just its version number: an unreleased migration may still change.
  const schema = createHash('sha256').update(migrations.map((m) => `${m.version}:${m.up.toString()}`).join('\n')).digest('hex').slice(0, 10)
  const file = path.join(cacheDir, `archive-g${generatorVersion}-l${layoutVersion}-s${schema}-n${count}.kopij`)
  if (fs.existsSync(file)) return { file, generated: false, generateSeconds: null }
  fs.mkdirSync(cacheDir, { recursive: true })
  const partial = `${file}.partial`
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(partial + suffix, { force: true })
  log(`Generating the archive of ${count.toLocaleString('en')} articles (once; cached as ${path.relative(process.cwd(), file)}) …`)
  const started = performance.now()
  const archive = Archive.open(partial)
  let lastLog = started
  try {
    // The seed page first, the oldest article: it holds the archive's rare words ("Berman", "rugpijnklachten").
    seedDemo(archive)
    fillArchive(archive, count, 42, (done) => {
      if (performance.now() - lastLog > 10_000 || done === count) {
        lastLog = performance.now()
        log(`  ${done.toLocaleString('en')} / ${count.toLocaleString('en')} articles (${((lastLog - started) / 1000).toFixed(0)} s)`)
      }
    })
    // The index is left as the services built it (no 'optimize'): a real archive grows by small transactions too.
    archive.db.pragma('wal_checkpoint(TRUNCATE)')
  } finally {
    archive.close()
  }
  fs.renameSync(partial, file)
  const generateSeconds = (performance.now() - started) / 1000
  log(`  generated in ${generateSeconds.toFixed(0)} s`)
  return { file, generated: true, generateSeconds }
}
