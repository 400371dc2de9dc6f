// Live data of the publishing views: sites, outbox counts; each refetched when main says it changed.
import { useEffect, useRef, useState } from 'react'
import type { StateCounts } from '../../shared/publishing'
import { call, on } from '../api'
import { useNotices } from '../app/notices'
import { useCall } from '../app/useCall'

/** Every site (without secrets), fetched again on `sites.changed`. */
export function useSites() {
  const { report } = useNotices()
  const sites = useCall('sites.list', {}, 'sites', (e) => report(e, 'publishing:notices.sitesFailed'))
  const reload = sites.reload
  useEffect(() => on('sites.changed', () => reload()), [reload])
  return sites
}

/**
 * Runs `task` when the outbox changed, once main's events pause for `delayMs` (they come in bursts while a batch is
 * sent), and at the start unless `immediate` is false. The task sets its own state.
 */
export function useOnOutboxChange(task: () => void, delayMs = 250, immediate = true): void {
  const current = useRef(task)
  current.current = task
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const later = () => {
      clearTimeout(timer)
      timer = setTimeout(() => current.current(), delayMs)
    }
    const off = on('outbox.changed', later)
    if (immediate) current.current()
    return () => {
      clearTimeout(timer)
      off()
    }
  }, [delayMs, immediate])
}

/** Items per state over every site, for the status bar and the navigation. Null until known or when unavailable. */
export function useOutboxCounts(): StateCounts | null {
  const [counts, setCounts] = useState<StateCounts | null>(null)
  const request = useRef(0)
  useOnOutboxChange(() => {
    const id = ++request.current
    call('outbox.list', { limit: 1, offset: 0 })
      .then((answer) => id === request.current && setCounts(answer.counts))
      // A status-bar figure is not worth a notice; the outbox view reports its own failures.
      .catch(() => id === request.current && setCounts(null))
  }, 400)
  return counts
}
