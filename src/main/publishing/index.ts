// Publishing: sites and their secrets, the outbox and its worker, published HTML, pre-flight, conflicts and imports.
import type { Handlers } from '../../shared/api'
import type { Archive } from '../archive'
import type { EventBus } from '../events'
import { publishingHandlers as outboxHandlers } from './handlers'
import { ImportRunner } from './import/runner'
import { Publishing, type PublishingOptions } from './service'

export { FileCredentialStore, MemoryCredentialStore, type CredentialStore } from './credentials'
export { ManualClock, systemClock, type Clock } from './outbox/clock'
export { Publishing, type PublishingOptions } from './service'
export { publishedHtml, sanitizeHtml, type BodyRenderer } from './html/render'

type ImportCalls = Pick<Handlers, 'import.start' | 'import.cancel' | 'import.resume' | 'import.list'>

export interface PublishingCapability {
  service: Publishing
  imports: ImportRunner
  handlers: ReturnType<typeof outboxHandlers> & ImportCalls
  /** Starts the outbox worker (the app and the harness do; read-only CLI commands do not). */
  start(): void
  close(): void
}

export function createPublishing(archive: Archive, events: EventBus, options: PublishingOptions): PublishingCapability {
  const service = new Publishing(archive, events, options)
  const imports = new ImportRunner(service)
  return {
    service,
    imports,
    handlers: {
      ...outboxHandlers(service),
      'import.start': (input) => imports.start(input),
      'import.cancel': ({ id }) => imports.cancel(id),
      'import.resume': ({ id }) => imports.resume(id),
      'import.list': () => imports.list(),
    },
    start: () => {
      imports.recover()
      service.worker.start()
    },
    close: () => {
      imports.close()
      service.close()
    },
  }
}
