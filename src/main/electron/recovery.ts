// When the page dies or hangs: reload it (the editor reopens the last article from the archive), never loop forever.
import type { RenderProcessGoneDetails, WebContents } from 'electron'

export interface RecoveryOptions {
  /** Loads Kopij's page again in a fresh renderer process. */
  reload: () => void
  /** Asks whether to reload a hung page (true) or wait (false); the signal closes the question when it recovers. */
  askReloadHung: (signal: AbortSignal) => Promise<boolean>
  /** Asks, after too many crashes in a row, whether to try again (true) or quit (false). */
  askRetryAfterCrashes: () => Promise<boolean>
  quit: () => void
  now?: () => number
  /** More crashes than this within `windowMs` and Kopij stops reloading on its own. */
  maxCrashes?: number
  windowMs?: number
  report?: (message: string) => void
}

type Watched = Pick<WebContents, 'on' | 'off' | 'isDestroyed' | 'forcefullyCrashRenderer'>

export function watchRenderer(contents: Watched, options: RecoveryOptions): () => void {
  const now = options.now ?? Date.now
  const maxCrashes = options.maxCrashes ?? 3
  const windowMs = options.windowMs ?? 60_000
  let crashes: number[] = []
  let killedOnPurpose = false
  let hung: AbortController | undefined
  let stopped = false

  const reload = () => {
    if (!stopped && !contents.isDestroyed()) options.reload()
  }

  const onGone = (_event: unknown, details: RenderProcessGoneDetails) => {
    hung?.abort()
    if (stopped || contents.isDestroyed() || details.reason === 'clean-exit') return
    if (killedOnPurpose) {
      // We ended a hung page ourselves and reloaded it already.
      killedOnPurpose = false
      return
    }
    options.report?.(`Kopij's page ended (${details.reason}, exit code ${details.exitCode})`)
    const t = now()
    crashes = [...crashes.filter((at) => t - at < windowMs), t]
    if (crashes.length <= maxCrashes) return reload()
    void options.askRetryAfterCrashes().then((retry) => {
      if (!retry) return options.quit()
      crashes = []
      reload()
    })
  }

  const onUnresponsive = () => {
    if (hung || stopped) return
    const question = (hung = new AbortController())
    void options
      .askReloadHung(question.signal)
      .catch(() => false)
      .then((reloadIt) => {
        hung = undefined
        if (!reloadIt || question.signal.aborted || stopped || contents.isDestroyed()) return
        killedOnPurpose = true
        contents.forcefullyCrashRenderer()
        reload()
      })
  }

  const onResponsive = () => hung?.abort()

  contents.on('render-process-gone', onGone)
  contents.on('unresponsive', onUnresponsive)
  contents.on('responsive', onResponsive)
  return () => {
    stopped = true
    hung?.abort()
    contents.off('render-process-gone', onGone)
    contents.off('unresponsive', onUnresponsive)
    contents.off('responsive', onResponsive)
  }
}
