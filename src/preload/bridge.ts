// window.api over IPC: the contract's calls and events, nothing else (no ipcRenderer, no Electron event objects).
import type { IpcRenderer, IpcRendererEvent } from 'electron'
import { isCallName, isEventName, type EventName, type KopijBridge } from '../shared/api'
import type { Envelope } from '../shared/errors'

/** The same wire names as src/main/electron/ipc.ts. */
export const callChannel = 'kopij:call'
export const eventChannel = 'kopij:event'

type Ipc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>
type Listener = (payload: unknown) => void

/** A name for a message, whatever the page passed (String() itself throws for some objects). */
const describe = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value.slice(0, 100)) : `a ${typeof value}`)

const failure = (code: 'unknown-call' | 'internal', message: string): Envelope<never> => ({ ok: false, error: { code, message } })

export function createBridge(ipc: Ipc): KopijBridge {
  const listeners = new Map<EventName, Set<Listener>>()
  let attached = false

  // One IPC listener for all events; the page's listeners get the payload only, never the IpcRendererEvent.
  const receive = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
    if (!isEventName(name)) return
    for (const listener of [...(listeners.get(name) ?? [])]) {
      try {
        listener(payload)
      } catch (error) {
        console.error('Kopij event listener failed', error)
      }
    }
  }

  const invoke = async (name: unknown, input: unknown): Promise<Envelope<unknown>> => {
    if (!isCallName(name)) return failure('unknown-call', `Kopij has no call named ${describe(name)}.`)
    try {
      return (await ipc.invoke(callChannel, name, input)) as Envelope<unknown>
    } catch (error) {
      // Input that cannot be cloned, or main refusing: still an envelope, a call never throws across the boundary.
      return failure('internal', `The call ${name} did not reach Kopij: ${String((error as Error)?.message ?? error)}`)
    }
  }

  const on = (event: unknown, listener: unknown): (() => void) => {
    if (!isEventName(event) || typeof listener !== 'function') {
      console.warn(`Kopij has no event named ${describe(event)} (or no listener function); nothing subscribed.`)
      return () => {}
    }
    let set = listeners.get(event)
    if (!set) listeners.set(event, (set = new Set()))
    const own = (payload: unknown) => (listener as Listener)(payload)
    set.add(own)
    if (!attached) {
      ipc.on(eventChannel, receive)
      attached = true
    }
    return () => {
      set.delete(own)
      if (set.size === 0) listeners.delete(event)
      if (attached && listeners.size === 0) {
        ipc.removeListener(eventChannel, receive)
        attached = false
      }
    }
  }

  // Plain closures (no `this`): contextBridge copies functions without their object.
  return Object.freeze({ invoke, on }) as unknown as KopijBridge
}
