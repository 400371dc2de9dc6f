import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startKopij, type Kopij } from '../kopij'
import { forwardEvents, isTrustedSender, registerIpc } from './ipc'
import { isAppUrl } from './protocol'

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>

function frame(url: string, overrides: Record<string, unknown> = {}) {
  return { url, parent: null, detached: false, frameToken: 'top', processId: 7, ...overrides }
}

function fakeWindow(url = 'app://kopij/index.html') {
  const mainFrame = frame(url)
  const webContents = { mainFrame, isDestroyed: () => false, send: vi.fn() }
  return { webContents, isDestroyed: () => false }
}

type AnyDispatch = (name: unknown, input: unknown) => Promise<unknown>

function setup(dispatch: AnyDispatch = vi.fn(async (name: unknown, input: unknown) => ({ ok: true as const, value: { name, input } }))) {
  let handler: Handler | undefined
  const ipcMain = {
    handle: vi.fn((_channel: string, fn: Handler) => (handler = fn)),
    removeHandler: vi.fn(),
  }
  const window = fakeWindow()
  const report = vi.fn()
  const dispose = registerIpc(ipcMain as never, { dispatch: dispatch as never, window: () => window as never, isAppUrl: (u) => isAppUrl(u), report })
  const call = (event: unknown, ...args: unknown[]) => handler!(event, ...args)
  const fromWindow = { sender: window.webContents, senderFrame: window.webContents.mainFrame }
  return { ipcMain, window, dispatch, dispose, call, fromWindow, report }
}

describe('IPC sender check', () => {
  it('accepts the top frame of Kopij’s window on app://kopij', () => {
    const window = fakeWindow()
    const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame }
    expect(isTrustedSender(event as never, window as never, (u) => isAppUrl(u))).toBe(true)
  })

  it('refuses other frames, other windows, other origins, destroyed windows', () => {
    const window = fakeWindow()
    const check = (event: object, win: object | null = window) => isTrustedSender(event as never, win as never, (u) => isAppUrl(u))
    const contents = window.webContents
    expect(check({ sender: contents, senderFrame: frame('app://kopij/index.html', { parent: contents.mainFrame, frameToken: 'sub' }) })).toBe(false)
    expect(check({ sender: contents, senderFrame: frame('app://kopij/index.html', { frameToken: 'other' }) })).toBe(false)
    expect(check({ sender: {}, senderFrame: contents.mainFrame })).toBe(false)
    expect(check({ sender: contents, senderFrame: null })).toBe(false)
    expect(check({ sender: contents, senderFrame: { ...contents.mainFrame, detached: true } })).toBe(false)
    const elsewhere = fakeWindow('https://evil.example/')
    expect(check({ sender: elsewhere.webContents, senderFrame: elsewhere.webContents.mainFrame }, elsewhere)).toBe(false)
    const file = fakeWindow('file:///tmp/index.html')
    expect(check({ sender: file.webContents, senderFrame: file.webContents.mainFrame }, file)).toBe(false)
    expect(check({ sender: contents, senderFrame: contents.mainFrame }, null)).toBe(false)
    expect(check({ sender: contents, senderFrame: contents.mainFrame }, { ...window, isDestroyed: () => true })).toBe(false)
  })
})

describe('kopij:call', () => {
  it('registers one invoke handler and removes it on dispose', () => {
    const { ipcMain, dispose } = setup()
    expect(ipcMain.handle).toHaveBeenCalledWith('kopij:call', expect.any(Function))
    dispose()
    expect(ipcMain.removeHandler).toHaveBeenCalledWith('kopij:call')
  })

  it('passes a call from Kopij’s window to dispatch', async () => {
    const { call, fromWindow, dispatch } = setup()
    await expect(call(fromWindow, 'settings.get', {})).resolves.toEqual({ ok: true, value: { name: 'settings.get', input: {} } })
    expect(dispatch).toHaveBeenCalledWith('settings.get', {})
  })

  it('rejects a call from another frame or origin without dispatching it', async () => {
    const { call, window, dispatch, report } = setup()
    const sub = frame('app://kopij/index.html', { parent: window.webContents.mainFrame, frameToken: 'sub' })
    await expect(call({ sender: window.webContents, senderFrame: sub }, 'settings.get', {})).rejects.toThrow(/Refused/)
    await expect(call({ sender: {}, senderFrame: frame('https://evil.example/') }, 'settings.get', {})).rejects.toThrow(/Refused/)
    expect(dispatch).not.toHaveBeenCalled()
    expect(report).toHaveBeenCalledTimes(2)
  })

  it('answers a dispatch that throws with an internal envelope', async () => {
    const { call, fromWindow } = setup(vi.fn(async () => Promise.reject(new Error('bug'))))
    await expect(call(fromWindow, 'settings.get', {})).resolves.toMatchObject({ ok: false, error: { code: 'internal', message: 'bug' } })
  })
})

describe('kopij:call with the real dispatch', () => {
  let dir: string
  let kopij: Kopij
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopij-ipc-'))
    kopij = startKopij({ archivePath: path.join(dir, 'archive.kopij.sqlite'), host: 'electron' })
  })
  afterAll(() => {
    kopij.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it.each([
    ['articles.get', { id: 'not-a-uuid' }],
    ['articles.get', 'a string'],
    ['articles.get', { id: '5e3d7f0a-9c1b-4f7e-8a2d-3b6c1e0f9a41', extra: 1 }],
    ['settings.update', { language: 'de' }],
    ['revisions.get', { id: -1 }],
    ['settings.get', [1, 2]],
  ])('answers invalid arguments to %s with an invalid-input envelope', async (name, input) => {
    const { call, fromWindow } = setup(kopij.dispatch)
    const envelope = (await call(fromWindow, name, input)) as { ok: boolean; error?: { code: string } }
    expect(envelope.ok).toBe(false)
    expect(envelope.error?.code).toBe('invalid-input')
  })

  it('answers an unknown or malformed name with unknown-call, and a valid call with its value', async () => {
    const { call, fromWindow } = setup(kopij.dispatch)
    await expect(call(fromWindow, 'fs.rm', {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown-call' } })
    // Whatever dispatch does with a name that String() cannot convert, the window gets an envelope, not a throw.
    await expect(call(fromWindow, { toString: 1 }, {})).resolves.toMatchObject({ ok: false })
    await expect(call(fromWindow)).resolves.toMatchObject({ ok: false, error: { code: 'unknown-call' } })
    await expect(call(fromWindow, 'settings.get', {})).resolves.toMatchObject({ ok: true, value: { language: 'nl' } })
  })
})

describe('events to the window', () => {
  it('forwards every event on kopij:event until disposed, and skips a destroyed window', () => {
    const listeners = new Set<(name: string, payload: unknown) => void>()
    const events = { subscribe: (l: (name: string, payload: unknown) => void) => (listeners.add(l), () => listeners.delete(l)) }
    let destroyed = false
    const contents = { isDestroyed: () => destroyed, send: vi.fn() }
    const dispose = forwardEvents(events as never, contents)
    listeners.forEach((l) => l('menu.command', { command: 'article.new' }))
    expect(contents.send).toHaveBeenCalledWith('kopij:event', 'menu.command', { command: 'article.new' })
    destroyed = true
    listeners.forEach((l) => l('menu.command', { command: 'about.open' }))
    expect(contents.send).toHaveBeenCalledTimes(1)
    dispose()
    expect(listeners.size).toBe(0)
  })
})
