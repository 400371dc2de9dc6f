// The renderer's only door to main: typed calls that throw ApiError, and event subscriptions, over window.api.
import type { CallInput, CallName, CallOutput, EventName, EventPayload, KopijBridge } from '../shared/api'
import { ApiError, ErrorCode } from '../shared/errors'

function bridge(): KopijBridge {
  const api = (globalThis as { api?: KopijBridge }).api
  if (!api) throw new ApiError('internal', 'window.api is missing: the renderer runs without its preload or harness bridge.')
  return api
}

/** Calls main; resolves to the value, or throws an ApiError carrying the code the UI turns into words. */
export async function call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  let envelope
  try {
    envelope = await bridge().invoke(name, input)
  } catch (error) {
    if (error instanceof ApiError) throw error
    throw new ApiError('internal', `The call ${name} did not reach Kopij: ${String((error as Error)?.message ?? error)}`)
  }
  if (!envelope || typeof envelope !== 'object') throw new ApiError('internal', `The call ${name} returned no envelope.`)
  if (envelope.ok) return envelope.value
  const code = ErrorCode.safeParse(envelope.error?.code)
  throw new ApiError(code.success ? code.data : 'internal', String(envelope.error?.message ?? ''), envelope.error?.details)
}

/** Subscribes to an event of main; returns the function that unsubscribes (whoever subscribes must call it). */
export function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return bridge().on(event, listener)
}

/** Any thrown value as an ApiError, so every failure has a code the UI can name. */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  return new ApiError('internal', String((error as Error)?.message ?? error))
}
