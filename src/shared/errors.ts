// Typed errors that cross the contract: main turns every failure into one of these codes, the renderer into words.
import { z } from 'zod'

export const ErrorCode = z.enum([
  'invalid-input',
  'unknown-call',
  'not-found',
  'conflict',
  'archive-read-only',
  'archive-locked',
  'archive-corrupt',
  'archive-too-new',
  'disk-full',
  'internal',
])
export type ErrorCode = z.infer<typeof ErrorCode>

export const ApiErrorShape = z.object({
  code: ErrorCode,
  message: z.string(),
  /** Machine-readable detail, e.g. zod issues for invalid-input; never secrets. */
  details: z.unknown().optional(),
})
export type ApiErrorShape = z.infer<typeof ApiErrorShape>

export class ApiError extends Error {
  readonly code: ErrorCode
  readonly details: unknown
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.details = details
  }
  toShape(): ApiErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details }
  }
  static from(shape: ApiErrorShape): ApiError {
    return new ApiError(shape.code, shape.message, shape.details)
  }
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape }
