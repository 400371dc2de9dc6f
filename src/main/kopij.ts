// The composition root: opens the archive and wires every capability's handlers into one dispatch and one event bus.
import fs from 'node:fs'
import type { AppInfo, Handlers } from '../shared/api'
import { Archive, archiveError } from './archive'
import { seedDemo } from './archive/demo'
import { articleHandlers } from './articles'
import { startCitations, type Citations } from './citations'
import { startQuotes, type QuotesCapability } from './quotes'
import type { LookupOptions } from './citations/lookups'
import { CloseCoordinator } from './closing'
import { RecoveryFiles, recoveryHandlers } from './recovery'
import { createComments, type CommentsCapability } from './comments'
import { createDispatch, type Dispatch } from './dispatch'
import { EventBus } from './events'
import { createPublishing, FileCredentialStore, type Clock, type CredentialStore, type PublishingCapability } from './publishing'
import { settingsHandlers } from './settings'
import { version } from '../../package.json'

export interface KopijOptions {
  archivePath: string
  host: AppInfo['host']
  /** Fill a newly created archive with the demo article (default true). */
  demo?: boolean
  readonly?: boolean
  nativeBinding?: string
  checkOutput?: boolean
  now?: () => Date
  report?: (name: string, error: unknown) => void
  /** Where site secrets are kept (default: a 0600 file beside the archive; the Electron shell passes the keychain). */
  credentials?: CredentialStore
  /** The outbox worker: whether it sends (default: unless read-only), and its clock and pace for tests. */
  outbox?: { start?: boolean; clock?: Clock; random?: () => number; concurrency?: number; timeoutMs?: number; backoff?: { baseMs: number; maxMs: number } }
  /** Where online source lookups go (tests point them at a local stub server). */
  lookups?: LookupOptions
}

export interface Kopij {
  archive: Archive
  events: EventBus
  handlers: Handlers
  dispatch: Dispatch
  /** Asks the renderer to commit its draft before a window closes (the Electron shell uses it). */
  closing: CloseCoordinator
  publishing: PublishingCapability
  citations: Citations
  quotes: QuotesCapability
  comments: CommentsCapability
  close(): void
}

export function startKopij(options: KopijOptions): Kopij {
  const isNew = !fs.existsSync(options.archivePath)
  const archive = Archive.open(options.archivePath, {
    readonly: options.readonly,
    nativeBinding: options.nativeBinding,
    now: options.now,
  })
  if (isNew && options.demo !== false && archive.isEmpty) seedDemo(archive)
  const events = new EventBus()
  const closing = new CloseCoordinator(events)
  const citations = startCitations(archive, events, { lookups: options.lookups, readonly: options.readonly })
  const quotes = startQuotes(archive, events, citations.store)
  citations.publishWith(quotes.publishedOverride)
  const publishing = createPublishing(archive, events, {
    credentials: options.credentials ?? FileCredentialStore.besideArchive(options.archivePath),
    ...options.outbox,
    report: (error) => options.report?.('outbox', error),
    renderBody: (article) => {
      const published = citations.published(article.id)
      return { html: published.html, unresolvedCitations: published.derived.entries.filter((e) => e.missing).map((e) => e.id) }
    },
  })
  const recovery = RecoveryFiles.forArchive(archive.file)
  const comments = createComments(archive, events, publishing.service, { report: (error) => options.report?.('comments', error) })
  const handlers: Handlers = {
    'app.info': () => ({ version, archivePath: archive.file, host: options.host, archiveWarnings: archive.warnings }),
    ...articleHandlers(archive, events, recovery),
    ...recoveryHandlers(archive, recovery),
    ...settingsHandlers(archive, events),
    ...citations.handlers,
    ...quotes.handlers,
    ...comments.handlers,
    ...closing.handlers(),
    ...publishing.handlers,
  }
  const dispatch = createDispatch(handlers, {
    classify: (error) => archiveError(error, archive.file),
    checkOutput: options.checkOutput,
    report: options.report,
  })
  if (!options.readonly && options.outbox?.start !== false) publishing.start()
  return {
    archive,
    events,
    handlers,
    dispatch,
    closing,
    citations,
    quotes,
    publishing,
    comments,
    close: () => {
      comments.close()
      publishing.close()
      citations.close()
      archive.close()
    },
  }
}
