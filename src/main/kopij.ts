// The composition root: opens the archive and wires every capability's handlers into one dispatch and one event bus.
import fs from 'node:fs'
import type { AppInfo, Handlers } from '../shared/api'
import { Archive, archiveError } from './archive'
import { seedDemo } from './archive/demo'
import { articleHandlers } from './articles'
import { citationHandlers } from './citations'
import { CloseCoordinator } from './closing'
import { commentHandlers } from './comments'
import { createDispatch, type Dispatch } from './dispatch'
import { EventBus } from './events'
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
}

export interface Kopij {
  archive: Archive
  events: EventBus
  handlers: Handlers
  dispatch: Dispatch
  /** Asks the renderer to commit its draft before a window closes (the Electron shell uses it). */
  closing: CloseCoordinator
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
  const handlers: Handlers = {
    'app.info': () => ({ version, archivePath: archive.file, host: options.host }),
    ...articleHandlers(archive, events),
    ...settingsHandlers(archive, events),
    ...citationHandlers(archive),
    ...commentHandlers(archive),
    ...closing.handlers(),
  }
  const dispatch = createDispatch(handlers, {
    classify: (error) => archiveError(error, archive.file),
    checkOutput: options.checkOutput,
    report: options.report,
  })
  return { archive, events, handlers, dispatch, closing, close: () => archive.close() }
}
