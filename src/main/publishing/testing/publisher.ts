// A Kopij that only sends its outbox until nothing is left to send: the exactly-once test kills it with SIGKILL mid-batch.
// usage: node --import tsx publisher.ts ARCHIVE
import { startKopij } from '../../kopij'

const archivePath = process.argv[2]
if (!archivePath) throw new Error('usage: publisher.ts ARCHIVE')
const kopij = startKopij({ archivePath, host: 'cli', demo: false, outbox: { concurrency: 8, backoff: { baseMs: 10, maxMs: 200 } } })
const left = () =>
  (kopij.archive.db.prepare(`SELECT count(*) AS n FROM outbox WHERE state IN ('queued', 'sending')`).get() as { n: number }).n
const timer = setInterval(() => {
  const n = left()
  process.stdout.write(`left ${n}\n`)
  if (n === 0) {
    clearInterval(timer)
    kopij.close()
  }
}, 100)
