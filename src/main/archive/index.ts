// The archive: one SQLite file holding articles, revisions, search index, sources, comments and settings.
import type { Database } from 'better-sqlite3'
import { ArticleStore } from './articles'
import { LibraryStore } from './library'
import { openDatabase, archiveError, type OpenOptions } from './open'
import { SettingsStore } from './settings'

export { archiveError, type OpenOptions } from './open'
export { matchExpression, parseQuery } from './query'
export { slugify } from './slug'
export { migrations, latestVersion, type Migration } from './migrations'

export class Archive {
  readonly articles: ArticleStore
  readonly library: LibraryStore
  readonly settings: SettingsStore

  private constructor(
    readonly db: Database,
    readonly file: string,
    now?: () => Date,
  ) {
    this.articles = new ArticleStore(db, now)
    this.library = new LibraryStore(db, now)
    this.settings = new SettingsStore(db)
  }

  static open(file: string, options: OpenOptions & { now?: () => Date } = {}): Archive {
    return new Archive(openDatabase(file, options), file, options.now)
  }

  /** Runs `work` in one write transaction; SQLite failures come out as the contract's archive errors. */
  transaction<T>(work: () => T): T {
    try {
      return this.db.transaction(work).immediate()
    } catch (error) {
      throw archiveError(error, this.file)
    }
  }

  get isEmpty(): boolean {
    return (this.db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n === 0
  }

  close(): void {
    if (this.db.open) this.db.close()
  }
}
