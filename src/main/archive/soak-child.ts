// The process the soak test kills: `write` saves revisions as fast as it can, `migrate` runs a long migration.
import { createHash } from 'node:crypto'
import { Archive } from './index'
import { migrations, type Migration } from './migrations'

/** A migration slow enough to be killed in the middle: a table of `rows` rows and an index over it. */
export const slowMigration = (rows: number): Migration => ({
  version: 1000,
  name: 'soak: a long migration',
  up(db) {
    db.exec('CREATE TABLE soak_rows (n INTEGER NOT NULL, text TEXT NOT NULL)')
    const insert = db.prepare('INSERT INTO soak_rows (n, text) VALUES (?, ?)')
    for (let n = 0; n < rows; n++) insert.run(n, `rij ${n} ${'x'.repeat(n % 97)}`)
    db.exec('CREATE INDEX soak_rows_text ON soak_rows (text)')
  },
})

export const fieldsDigest = (fields: unknown): string => createHash('sha256').update(JSON.stringify(fields)).digest('hex')

function write(file: string, articleId: string): void {
  const archive = Archive.open(file)
  let current = archive.articles.get(articleId)
  for (let n = 0; ; n++) {
    const { id: _i, wordCount: _w, revisionId, createdAt: _c, updatedAt: _u, ...fields } = current
    const text = `Revisie ${n}: ${'acupunctuur bij lage rugpijn '.repeat(n % 60)}`
    current = archive.articles.save({
      ...fields,
      title: `Soak ${n % 7}`,
      doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
      id: articleId,
      baseRevisionId: revisionId,
    }).article
    const { id: _i2, wordCount: _w2, revisionId: saved, createdAt: _c2, updatedAt: _u2, ...stored } = current
    // Acknowledged means this line was written: the transaction had committed before it.
    process.stdout.write(`${saved} ${fieldsDigest(stored)}\n`)
  }
}

function migrate(file: string, rows: number): void {
  process.stdout.write('migrating\n')
  Archive.open(file, { migrations: [...migrations, slowMigration(rows)] }).close()
  process.stdout.write('migrated\n')
}

const [mode, file, arg] = process.argv.slice(2) as [string, string, string]
if (mode === 'write') write(file, arg)
else if (mode === 'migrate') migrate(file, Number(arg))
