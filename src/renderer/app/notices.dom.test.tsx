import { act, screen } from '@testing-library/react'
import { useEffect } from 'react'
import { describe, expect, it } from 'vitest'
import { ApiError } from '../../shared/errors'
import { renderIn } from '../testing'
import { NoticeList, useNotices } from './notices'

describe('notices', () => {
  it('name the failed action and the reason per error code, in the UI language', () => {
    let api: ReturnType<typeof useNotices> | null = null
    function Probe() {
      api = useNotices()
      return <NoticeList />
    }
    renderIn('en', <Probe />)
    act(() => api!.report(new ApiError('archive-locked', 'locked by pid 12'), 'notices.openFailed'))
    expect(screen.getByRole('alert').textContent).toBe('The article could not be opened. The archive is in use by another program.')
  })

  it('keep report() the same function as notices come and go, so effects that use it do not run again', () => {
    const seen = new Set<unknown>()
    let runs = 0
    let api: ReturnType<typeof useNotices> | null = null
    function Probe() {
      api = useNotices()
      seen.add(api.report)
      const { report } = api
      useEffect(() => {
        runs++
      }, [report])
      return null
    }
    renderIn('nl', <Probe />)
    act(() => api!.inform('notices.slugTaken'))
    act(() => api!.report(new Error('x'), 'notices.searchFailed'))
    expect(api!.notices).toHaveLength(2)
    expect(seen.size).toBe(1)
    expect(runs).toBe(1)
  })
})
