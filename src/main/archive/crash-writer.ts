// A child process for the crash test: saves revisions as fast as it can and prints each one once it is committed.
import { Archive } from './index'

const [file, articleId] = process.argv.slice(2) as [string, string]
const archive = Archive.open(file)
let current = archive.articles.get(articleId)
for (let n = 0; ; n++) {
  const { id: _i, wordCount: _w, revisionId, createdAt: _c, updatedAt: _u, ...fields } = current
  const text = `Revisie ${n} ${'acupunctuur rugpijn '.repeat(n % 50)}`
  current = archive.articles.save({
    ...fields,
    doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
    id: articleId,
    baseRevisionId: revisionId,
  }).article
  // "Acknowledged" means this line was written: the transaction had committed before it.
  process.stdout.write(`${current.revisionId} ${text.length}\n`)
}
