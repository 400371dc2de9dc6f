// A window closes only after the renderer has committed what the editor typed, or the editor chose to drop it.
import type { CloseAnswer } from '../closing'

interface Closable {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown
  close(): void
  isDestroyed(): boolean
}

export interface CloseGuardOptions {
  /** Asks the renderer to commit its draft (CloseCoordinator.request). */
  request(timeoutMs: number): Promise<CloseAnswer>
  /** Asked when the draft could not be saved: true closes anyway. */
  askCloseUnsaved(): Promise<boolean>
  /** After an approved close: e.g. carry on quitting the app when that is what started it. */
  closed?(): void
  timeoutMs?: number
}

export function guardClose(window: Closable, options: CloseGuardOptions): void {
  let approved = false
  let asking = false
  window.on('close', (event) => {
    if (approved) return
    event.preventDefault()
    if (asking) return
    asking = true
    void (async () => {
      // A hung or crashed page cannot save anything: waiting longer would only keep the editor from quitting.
      const answer = await options.request(options.timeoutMs ?? 3000)
      const close = answer !== 'unsaved' || (await options.askCloseUnsaved())
      asking = false
      if (!close || window.isDestroyed()) return
      approved = true
      window.close()
      options.closed?.()
    })()
  })
}
