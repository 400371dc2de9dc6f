// The archive: one SQLite file holding articles, revisions, search index, sources, comments and settings.
import type { Database } from 'better-sqlite3'
import { ArticleStore } from './articles'
import { LibraryStore } from './library'
import type { ArchiveWarning } from '../../shared/recovery'
import { journalWarnings, openDatabase, archiveError, type OpenOptions } from './open'
import { SettingsStore } from './settings'

export { archiveError, type OpenOptions } from './open'
export { matchExpression, parseQuery } from './query'
export { slugify } from './slug'
export { migrations, latestVersion, type Migration } from './migrations'

export class Archive {
  readonly articles: ArticleStore
  readonly library: LibraryStore
  readonly settings: SettingsStore

  private checkpointTimer: ReturnType<typeof setTimeout> | undefined

  private constructor(
    readonly db: Database,
    readonly file: string,
    /** What opening found that the editor should hear about (see journalWarnings). */
    readonly warnings: ArchiveWarning[],
    now?: () => Date,
  ) {
    this.articles = new ArticleStore(db, now)
    this.library = new LibraryStore(db, now)
    this.settings = new SettingsStore(db)
  }

  static open(file: string, options: OpenOptions & { now?: () => Date } = {}): Archive {
    const warnings = journalWarnings(file)
    return new Archive(openDatabase(file, options), file, warnings, options.now)
  }

  /**
   * Copies the write-ahead journal into the archive file a moment after writing stops. A save is durable in the journal
   * already; this keeps the journal short, so losing it (deleted by hand after a crash) would cost seconds, not hours.
   */
  checkpointSoon(delayMs = 1000): void {
    clearTimeout(this.checkpointTimer)
    this.checkpointTimer = setTimeout(() => {
      try {
        if (this.db.open && !this.db.readonly) this.db.pragma('wal_checkpoint(PASSIVE)')
      } catch {
        // A busy or full disk: the next checkpoint (SQLite's own, or the next save's) catches up.
      }
    }, delayMs)
    this.checkpointTimer.unref?.()
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
    clearTimeout(this.checkpointTimer)
    if (this.db.open) this.db.close()
  }
}
