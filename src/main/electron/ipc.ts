// The contract over IPC in main: calls accepted only from Kopij's own top frame, events forwarded to the window.
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import type { Envelope } from '../../shared/errors'
import type { Dispatch } from '../dispatch'
import type { EventBus } from '../events'

/** The wire names; src/preload/bridge.ts uses the same two (a test keeps them equal). */
export const callChannel = 'kopij:call'
export const eventChannel = 'kopij:event'

type Sender = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>
type Window = Pick<BrowserWindow, 'isDestroyed' | 'webContents'>

/**
 * True only for the top frame of Kopij's window showing a Kopij page: not a subframe, not another window,
 * not a page that somehow navigated elsewhere.
 */
export function isTrustedSender(event: Sender, window: Window | null, isAppUrl: (url: string) => boolean): boolean {
  if (!window || window.isDestroyed()) return false
  const contents = window.webContents
  const frame = event.senderFrame
  if (event.sender !== contents || !frame || frame.parent !== null || frame.detached) return false
  const top = contents.mainFrame
  const sameFrame = frame === top || (frame.frameToken === top.frameToken && frame.processId === top.processId)
  return sameFrame && isAppUrl(frame.url)
}

export interface IpcOptions {
  dispatch: Dispatch
  window: () => Window | null
  isAppUrl: (url: string) => boolean
  report?: (message: string, error?: unknown) => void
}

/** Registers the one call channel; returns what removes it. */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, options: IpcOptions): () => void {
  ipcMain.handle(callChannel, async (event, name: unknown, input: unknown): Promise<Envelope<unknown>> => {
    if (!isTrustedSender(event, options.window(), options.isAppUrl)) {
      options.report?.(`Kopij refused a call from ${event.senderFrame?.url ?? 'a frame that is gone'}`)
      // Not Kopij's page, so no envelope: the caller learns nothing about the contract.
      throw new Error('Refused: not Kopij’s window.')
    }
    try {
      // dispatch validates the name and the input and answers with an envelope; it is not meant to throw.
      return await options.dispatch(name, input)
    } catch (error) {
      options.report?.('Kopij dispatch threw', error)
      return { ok: false, error: { code: 'internal', message: String((error as Error)?.message ?? error) } }
    }
  })
  return () => ipcMain.removeHandler(callChannel)
}

/** Forwards every event of main to one window until the returned function is called (when the window closes). */
export function forwardEvents(events: Pick<EventBus, 'subscribe'>, contents: Pick<WebContents, 'isDestroyed' | 'send'>): () => void {
  return events.subscribe((name, payload) => {
    if (!contents.isDestroyed()) contents.send(eventChannel, name, payload)
  })
}
