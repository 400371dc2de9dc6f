// Building blocks of the contract: each capability's file declares its calls with these, api.ts gathers them.
import { z } from 'zod'

export const call = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output })

/** Input of a call that takes nothing. */
export const none = z.object({}).strict()
