// The event side of the contract in main: services emit, transports (IPC, SSE) subscribe and forward.
import { events, type EventName, type EventPayload } from '../shared/api'

export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void

export class EventBus {
  private readonly listeners = new Set<EventListener>()

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    // A malformed event is a bug in main; failing here keeps it from reaching a renderer.
    const checked = events[name].parse(payload) as EventPayload<E>
    for (const listener of [...this.listeners]) listener(name, checked)
  }

  /** Returns the function that unsubscribes; whoever subscribes owns that call. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
