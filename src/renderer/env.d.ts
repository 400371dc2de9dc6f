import type { KopijBridge } from '../shared/api'

declare global {
  interface Window {
    /** Defined by the preload (Electron) or the harness bridge; only `src/renderer/api.ts` touches it. */
    readonly api: KopijBridge
  }
}

export {}
