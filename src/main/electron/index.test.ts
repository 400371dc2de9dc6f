import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'

// The real module would try to download an Electron binary; the entry point must only ever see this one.
const electron = vi.hoisted(() => {
  const { EventEmitter: Emitter } = require('node:events') as typeof import('node:events')
  const app = Object.assign(new Emitter(), {
    setName: vi.fn(),
    getPath: vi.fn(() => '/tmp/kopij-index-test'),
    setPath: vi.fn(),
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => false),
    getPreferredSystemLanguages: vi.fn(() => ['nl']),
    whenReady: vi.fn(async () => {}),
    quit: vi.fn(),
    exit: vi.fn(),
    isPackaged: false,
  })
  const unused = {}
  return {
    app,
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    BrowserWindow: unused,
    dialog: unused,
    ipcMain: unused,
    Menu: unused,
    nativeTheme: unused,
    screen: unused,
    session: unused,
    shell: unused,
  }
})
vi.mock('electron', () => ({ ...electron, default: electron }))

describe('main entry', () => {
  it('starts the shell with the real process arguments: sandbox on, app:// registered, one instance only', async () => {
    expect(electron.app).toBeInstanceOf(EventEmitter)
    await import('./index')
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled())
    expect(electron.app.setName).toHaveBeenCalledWith('Kopij')
    expect(electron.app.enableSandbox).toHaveBeenCalled()
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledOnce()
    expect(electron.app.whenReady).not.toHaveBeenCalled()
    expect(electron.app.exit).not.toHaveBeenCalled()
  })
})
