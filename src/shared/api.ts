// The contract: every call the renderer may make and every event it may receive, each with a zod schema.
import { z } from 'zod'
import {
  Article,
  ArticleId,
  CreateArticleInput,
  FindArticlesInput,
  FindArticlesResult,
  Revision,
  RevisionSummary,
  SaveArticleInput,
  SaveArticleResult,
} from './articles'
import { citationCalls, citationEvents } from './citations'
import { commentCalls, commentEvents } from './comments'
import { call, none } from './contract'
import { publishingCalls, publishingEvents } from './publishing'
import { quoteCalls, quoteEvents } from './quotes'
import { ArchiveWarning, recoveryCalls } from './recovery'
import { Settings, SettingsPatch } from './settings'
import type { Envelope } from './errors'

export const AppInfo = z.object({
  version: z.string(),
  archivePath: z.string(),
  /** Where the call is answered: the desktop shell or the loopback test harness. */
  host: z.enum(['electron', 'harness', 'cli']),
  /** What opening the archive found that the editor should hear about once. */
  archiveWarnings: z.array(ArchiveWarning),
})
export type AppInfo = z.infer<typeof AppInfo>

export const calls = {
  'app.info': call(none, AppInfo),
  'articles.find': call(FindArticlesInput, FindArticlesResult),
  'articles.get': call(z.object({ id: ArticleId }).strict(), Article),
  'articles.create': call(CreateArticleInput, Article),
  'articles.save': call(SaveArticleInput, SaveArticleResult),
  'revisions.list': call(z.object({ articleId: ArticleId }).strict(), z.array(RevisionSummary)),
  'revisions.get': call(z.object({ id: z.number().int().positive() }).strict(), Revision),
  'revisions.restore': call(
    z.object({ articleId: ArticleId, revisionId: z.number().int().positive() }).strict(),
    Article,
  ),
  'settings.get': call(none, Settings),
  'settings.update': call(SettingsPatch, Settings),
  /** The answer to `app.closing`: whether everything typed is committed, so the window may close. */
  'app.readyToClose': call(z.object({ saved: z.boolean() }).strict(), z.object({}).strict()),
  // Each capability declares its own calls in its own file.
  ...citationCalls,
  ...commentCalls,
  ...publishingCalls,
  ...quoteCalls,
  ...recoveryCalls,
} as const

export const MenuCommand = z.enum([
  'article.new',
  'article.saveNow',
  'search.focus',
  'history.open',
  'shortcuts.open',
  'about.open',
  'citation.insert',
  'publishing.open',
  'publishing.preview',
])
export type MenuCommand = z.infer<typeof MenuCommand>

export const events = {
  'article.saved': z.object({ articleId: ArticleId, revisionId: z.number().int().positive(), savedAt: z.string() }),
  'settings.changed': Settings,
  /** A native menu item the renderer acts on (the shell has no editor state of its own). */
  'menu.command': z.object({ command: MenuCommand }),
  /** The window is about to close: commit what is typed, then call `app.readyToClose`. */
  'app.closing': z.object({}).strict(),
  ...citationEvents,
  ...commentEvents,
  ...publishingEvents,
  ...quoteEvents,
} as const

export type CallName = keyof typeof calls
export type EventName = keyof typeof events
export type CallInput<N extends CallName> = z.input<(typeof calls)[N]['input']>
export type CallArgs<N extends CallName> = z.output<(typeof calls)[N]['input']>
export type CallOutput<N extends CallName> = z.output<(typeof calls)[N]['output']>
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>

export const callNames = Object.keys(calls) as CallName[]
export const eventNames = Object.keys(events) as EventName[]
export const isCallName = (name: unknown): name is CallName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name)
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name)

/**
 * What `window.api` is, in Electron (preload over IPC) and in the harness (bridge over HTTP):
 * a call never throws across the boundary, it resolves to an envelope.
 */
export interface KopijBridge {
  invoke<N extends CallName>(name: N, input: CallInput<N>): Promise<Envelope<CallOutput<N>>>
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}

/** Implemented by main: one handler per call, receiving the already-validated input. */
export type Handlers = { [N in CallName]: (input: CallArgs<N>) => CallOutput<N> | Promise<CallOutput<N>> }
