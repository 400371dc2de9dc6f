import { beforeEach, describe, expect, it, vi } from 'vitest'

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn(), send: vi.fn(), sendSync: vi.fn() },
}))
vi.mock('electron', () => electron)

describe('preload', () => {
  beforeEach(() => {
    vi.resetModules()
    electron.contextBridge.exposeInMainWorld.mockClear()
  })

  it('exposes exactly window.api with invoke and on, and nothing else', async () => {
    await import('./index')
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce()
    const [key, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0]!
    expect(key).toBe('api')
    expect(Object.keys(api as object).sort()).toEqual(['invoke', 'on'])
    expect(Object.values(api as object).every((value) => typeof value === 'function')).toBe(true)
    expect(Object.values(api as object)).not.toContain(electron.ipcRenderer.invoke)
  })

  it('refuses a name outside the contract before it reaches ipcRenderer', async () => {
    await import('./index')
    const api = electron.contextBridge.exposeInMainWorld.mock.calls[0]![1] as { invoke: (n: string, i: unknown) => Promise<unknown> }
    await expect(api.invoke('shell.openExternal', {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown-call' } })
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled()
    expect(electron.ipcRenderer.send).not.toHaveBeenCalled()
    expect(electron.ipcRenderer.sendSync).not.toHaveBeenCalled()
  })
})
