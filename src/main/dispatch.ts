// The call side of the contract in main: name checked, input validated, handler run, any failure made a typed error.
import { calls, isCallName, type CallName, type Handlers } from '../shared/api'
import { ApiError, type ApiErrorShape, type Envelope } from '../shared/errors'

export type Dispatch = (name: unknown, input: unknown) => Promise<Envelope<unknown>>

export interface DispatchOptions {
  /** Turns a thrown error that is not an ApiError (SQLite, file system) into one. */
  classify?: (error: unknown) => ApiError
  /** Also validate what handlers return (tests and development): a contract drift fails loudly there. */
  checkOutput?: boolean
  /** Told about internal errors, without the input (it may hold an editor's text). */
  report?: (name: string, error: unknown) => void
}

export function createDispatch(handlers: Handlers, options: DispatchOptions = {}): Dispatch {
  return async (name, input) => {
    if (!isCallName(name))
      return fail(new ApiError('unknown-call', `Kopij has no call named ${typeof name === 'string' ? JSON.stringify(name.slice(0, 100)) : `of type ${typeof name}`}.`))
    const parsed = calls[name].input.safeParse(input ?? {})
    if (!parsed.success)
      return fail(new ApiError('invalid-input', `Invalid input for ${name}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'} ${i.message}`).join('; ')}`, parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message }))))
    try {
      const handler = handlers[name] as (input: unknown) => unknown
      const value = await handler(parsed.data)
      if (options.checkOutput) calls[name as CallName].output.parse(value)
      return { ok: true, value }
    } catch (error) {
      const apiError = error instanceof ApiError ? error : (options.classify?.(error) ?? new ApiError('internal', String((error as Error)?.message ?? error)))
      if (apiError.code === 'internal') options.report?.(name, error)
      return fail(apiError)
    }
  }
}

const fail = (error: ApiError): { ok: false; error: ApiErrorShape } => ({ ok: false, error: error.toShape() })
