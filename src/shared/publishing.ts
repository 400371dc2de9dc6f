// Sites, the outbox and publish batches as they cross the contract: schemas, calls and events.

export const publishingCalls = {} as const

export const publishingEvents = {} as const
