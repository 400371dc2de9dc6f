import { useCallback, useEffect, useRef, useState } from 'react'
import type { Article } from '../../shared/articles'
import { call } from '../api'
import type { PublishingRoute } from './PublishingView'

interface ModeOptions {
  /** Saves the open article; false when it could not be saved (the editor then stays). */
  leave(): Promise<boolean>
  show(article: Article, focus?: 'title' | 'body'): void
  /** The workspace's queue: opening, creating and switching views run one at a time. */
  serial<T>(task: () => Promise<T>): Promise<T>
  report(error: unknown, action: string): void
  openId(): string | undefined
  /** The article list should catch up (imports and conflicts change articles). */
  refresh(): void
}

export interface PublishingMode {
  route: PublishingRoute | null
  setRoute(route: PublishingRoute): void
  /** Into the publishing view, after the open article is saved (preview and pre-flight read the archive). */
  enter(route: PublishingRoute): Promise<void>
  /**
   * Back to writing, with the open article (or `articleId`) read fresh: publishing may have changed it. The keyboard
   * goes to the text, unless a command is about to take it elsewhere (`focusText` false).
   */
  exit(articleId?: string, focusText?: boolean): Promise<void>
  /** Ctrl/Cmd+Shift+P: into publishing, or back from it. */
  toggle(): void
  /** A writing command (new article, search, history) given while publishing: back to writing first, then the command. */
  writing(action: () => void): () => void
}

/** The workspace's two modes, writing and publishing; the editor is closed while publishing and reopened after. */
export function usePublishingMode({ leave, show, serial, report, openId, refresh }: ModeOptions): PublishingMode {
  const [route, setRouteState] = useState<PublishingRoute | null>(null)
  const routeRef = useRef(route)
  routeRef.current = route

  const setRoute = useCallback((next: PublishingRoute) => setRouteState(next), [])
  const enter = useCallback(
    (next: PublishingRoute) =>
      serial(async () => {
        if (!routeRef.current && !(await leave())) return
        setRouteState({ token: Date.now(), ...next })
      }),
    [leave, serial],
  )
  const exit = useCallback(
    (articleId?: string, focusText = true) =>
      serial(async () => {
        const id = articleId ?? openId()
        if (id) {
          try {
            show(await call('articles.get', { id }), focusText ? 'body' : undefined)
          } catch (error) {
            report(error, 'notices.openFailed')
          }
        }
        setRouteState(null)
        refresh()
      }),
    [openId, refresh, report, serial, show],
  )
  const toggle = useCallback(() => void (routeRef.current ? exit() : enter({ section: 'batch' })), [enter, exit])
  // The command runs once the way back is on screen (an effect after the commit that shows the list and the editor).
  const pending = useRef<(() => void) | null>(null)
  useEffect(() => {
    if (route || !pending.current) return
    const action = pending.current
    pending.current = null
    action()
  }, [route])
  const writing = useCallback(
    (action: () => void) => () => {
      if (!routeRef.current) return action()
      pending.current = action
      void exit(undefined, false)
    },
    [exit],
  )
  return { route, setRoute, enter, exit, toggle, writing }
}
