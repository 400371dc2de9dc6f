// For the publishing component tests: a window.api whose calls answer from a table and whose events a test emits.
import type { CallName, EventName, EventPayload, KopijBridge } from '../../shared/api'

type Answer = (input: any) => unknown | Promise<unknown>

export interface FakeBridge {
  calls: { name: string; input: any }[]
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
}

export function fakeBridge(answers: Partial<Record<CallName, Answer>>): FakeBridge {
  const calls: FakeBridge['calls'] = []
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const api: KopijBridge = {
    invoke: (async (name: CallName, input: unknown) => {
      calls.push({ name, input })
      const answer = answers[name]
      if (!answer) return { ok: false, error: { code: 'unknown-call', message: name } }
      try {
        return { ok: true, value: await answer(input) }
      } catch (error) {
        const e = error as { code?: string; message?: string }
        return { ok: false, error: { code: e.code ?? 'internal', message: String(e.message ?? error) } }
      }
    }) as KopijBridge['invoke'],
    on: ((event: string, listener: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set()
      set.add(listener)
      listeners.set(event, set)
      return () => set.delete(listener)
    }) as KopijBridge['on'],
  }
  Object.defineProperty(window, 'api', { value: api, configurable: true })
  return { calls, emit: (event, payload) => listeners.get(event)?.forEach((l) => l(payload)) }
}
