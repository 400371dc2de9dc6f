// Closing without losing a keystroke: main asks the renderer to commit its draft and waits, briefly, for the answer.
import type { Handlers } from '../shared/api'
import type { EventBus } from './events'

export type CloseAnswer = 'saved' | 'unsaved' | 'no-answer'

export class CloseCoordinator {
  private waiting: ((answer: CloseAnswer) => void)[] = []

  constructor(private readonly events: EventBus) {}

  /** Emits `app.closing` and resolves with the renderer's answer, or 'no-answer' when it is hung or gone. */
  request(timeoutMs: number): Promise<CloseAnswer> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle('no-answer'), timeoutMs)
      const settle = (answer: CloseAnswer) => {
        clearTimeout(timer)
        this.waiting = this.waiting.filter((w) => w !== settle)
        resolve(answer)
      }
      this.waiting.push(settle)
      this.events.emit('app.closing', {})
    })
  }

  handlers(): Pick<Handlers, 'app.readyToClose'> {
    return {
      'app.readyToClose': ({ saved }) => {
        for (const settle of [...this.waiting]) settle(saved ? 'saved' : 'unsaved')
        return {}
      },
    }
  }
}
