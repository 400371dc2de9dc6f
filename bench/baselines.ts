// Baselines in SQLite on this machine and disk: what reading an article and committing a save cost at the least.
import path from 'node:path'
import { deflateRawSync } from 'node:zlib'
import Database, { type Database as Db } from 'better-sqlite3'
import type { Article } from '../src/shared/articles'
import { sample, summarize, type Summary } from './stats'

/** The article's row read with a bare statement and its document parsed: the floor under articles.get. */
export function rawRead(db: Db, id: string): Summary {
  const statement = db.prepare('SELECT * FROM articles WHERE id = ?')
  return summarize(
    sample(
      () => {
        const row = statement.get(id) as { doc: string }
        JSON.parse(row.doc)
      },
      { warmup: 3, min: 30, budgetMs: 500 },
    ),
  )
}

/**
 * A bare durable write of the same size as a save of `article`: in a fresh file beside the archive (same disk), WAL
 * with synchronous=FULL as the archive is opened, one transaction updating a row with the document JSON and adding
 * a deflated copy, as a revision is stored. No validation, no search index, no JSON work inside the timing.
 */
export function bareTransactions(dir: string, article: Article, count = 20): Summary {
  const db = new Database(path.join(dir, 'bare-transactions.sqlite'))
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.exec('CREATE TABLE doc (id INTEGER PRIMARY KEY, body TEXT NOT NULL); CREATE TABLE revision (id INTEGER PRIMARY KEY, fields BLOB NOT NULL)')
    db.prepare('INSERT INTO doc (id, body) VALUES (1, ?)').run('')
    const body = JSON.stringify(article.doc)
    const fields = deflateRawSync(JSON.stringify(article))
    const update = db.prepare('UPDATE doc SET body = ? WHERE id = 1')
    const insert = db.prepare('INSERT INTO revision (fields) VALUES (?)')
    let n = 0
    const write = db.transaction(() => {
      update.run(`${body} ${n++}`)
      insert.run(fields)
    })
    return summarize(sample(() => write.immediate(), { warmup: 3, min: count, max: count, budgetMs: 0 }))
  } finally {
    db.close()
  }
}
