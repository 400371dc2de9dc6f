import { describe, expect, it, vi } from 'vitest'
import { callNames, eventNames } from '../shared/api'
import { callChannel as mainCallChannel, eventChannel as mainEventChannel } from '../main/electron/ipc'
import { callChannel, createBridge, eventChannel } from './bridge'

function fakeIpc() {
  const handlers = new Map<string, Set<(...args: unknown[]) => void>>()
  return {
    invoke: vi.fn(async (_channel: string, name: string, input: unknown) => ({ ok: true, value: { name, input } })),
    on: vi.fn((channel: string, handler: (...args: unknown[]) => void) => {
      if (!handlers.has(channel)) handlers.set(channel, new Set())
      handlers.get(channel)!.add(handler)
    }),
    removeListener: vi.fn((channel: string, handler: (...args: unknown[]) => void) => {
      handlers.get(channel)?.delete(handler)
    }),
    emit: (channel: string, ...args: unknown[]) => {
      for (const handler of handlers.get(channel) ?? []) handler({ sender: 'IpcRendererEvent', ports: [] }, ...args)
    },
    count: (channel: string) => handlers.get(channel)?.size ?? 0,
  }
}

const bridgeOf = (ipc: ReturnType<typeof fakeIpc>) => createBridge(ipc as never)

describe('preload bridge', () => {
  it('uses the same channels as main', () => {
    expect(callChannel).toBe(mainCallChannel)
    expect(eventChannel).toBe(mainEventChannel)
  })

  it('has exactly invoke and on, frozen', () => {
    const bridge = bridgeOf(fakeIpc())
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on'])
    expect(Object.isFrozen(bridge)).toBe(true)
  })

  it('passes every contract call to main over the call channel', async () => {
    const ipc = fakeIpc()
    const bridge = bridgeOf(ipc)
    for (const name of callNames) {
      const envelope = await bridge.invoke(name, {} as never)
      expect(envelope).toEqual({ ok: true, value: { name, input: {} } })
    }
    expect(ipc.invoke).toHaveBeenCalledTimes(callNames.length)
    expect(ipc.invoke.mock.calls.every((call) => call[0] === 'kopij:call')).toBe(true)
  })

  it.each(['fs.readFile', 'constructor', '__proto__', 'toString', '', 42, null, { toString: 1 }])(
    'refuses the unknown call %s without asking main',
    async (name) => {
      const ipc = fakeIpc()
      const envelope = await bridgeOf(ipc).invoke(name as never, {} as never)
      expect(envelope.ok).toBe(false)
      expect(!envelope.ok && envelope.error.code).toBe('unknown-call')
      expect(ipc.invoke).not.toHaveBeenCalled()
    },
  )

  it('turns a failed IPC call into an envelope instead of throwing', async () => {
    const ipc = fakeIpc()
    ipc.invoke.mockRejectedValueOnce(new Error('An object could not be cloned.'))
    const envelope = await bridgeOf(ipc).invoke('settings.get', {})
    expect(envelope).toMatchObject({ ok: false, error: { code: 'internal' } })
  })

  it('delivers events with the payload only, never the IpcRendererEvent', () => {
    const ipc = fakeIpc()
    const bridge = bridgeOf(ipc)
    const listener = vi.fn()
    bridge.on('settings.changed', listener)
    ipc.emit('kopij:event', 'settings.changed', { language: 'en', lastArticleId: null })
    ipc.emit('kopij:event', 'article.saved', { articleId: 'x', revisionId: 1, savedAt: 'now' })
    expect(listener).toHaveBeenCalledTimes(1)
    expect(listener.mock.calls[0]).toEqual([{ language: 'en', lastArticleId: null }])
  })

  it('subscribes to contract events only and unsubscribes cleanly', () => {
    const ipc = fakeIpc()
    const bridge = bridgeOf(ipc)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const stray = vi.fn()
    bridge.on('ipc.raw' as never, stray)
    expect(ipc.on).not.toHaveBeenCalled()
    expect(warn).toHaveBeenCalled()
    warn.mockRestore()

    const offs = eventNames.map((name) => bridge.on(name, vi.fn()))
    expect(ipc.count('kopij:event')).toBe(1)
    offs.forEach((off) => off())
    offs[0]!()
    expect(ipc.count('kopij:event')).toBe(0)

    const listener = vi.fn()
    bridge.on('menu.command', listener)()
    ipc.emit('kopij:event', 'menu.command', { command: 'article.new' })
    expect(listener).not.toHaveBeenCalled()
  })

  it('keeps delivering to other listeners when one throws', () => {
    const ipc = fakeIpc()
    const bridge = bridgeOf(ipc)
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const second = vi.fn()
    bridge.on('menu.command', () => {
      throw new Error('boom')
    })
    bridge.on('menu.command', second)
    ipc.emit('kopij:event', 'menu.command', { command: 'article.new' })
    expect(second).toHaveBeenCalledOnce()
    error.mockRestore()
  })
})
