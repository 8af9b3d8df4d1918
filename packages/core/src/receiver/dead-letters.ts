import type { DeadLetter, HandoffQueue } from '../dispatch/queue.js'
import type { DeadLetterHandler } from '../handlers/registry.js'

/**
 * The dead letters of the receiver's queue: act on each as it comes (`handle`), inspect them, replay them
 * once fixed, or drop them.
 */
export interface DeadLetters {
  /**
   * Registers a handler awaited with each delivery that exhausted its attempts (or can never pass its
   * schema), before the delivery is reported dead-lettered; what it throws is logged. Unlike
   * `hooks.onDeadLettered`, which only observes, it may do slow work: page someone, file a ticket.
   * Returns the dead letters, to chain another.
   */
  handle(handler: DeadLetterHandler): DeadLetters
  /**
   * Oldest first.
   * @param options.limit at most this many; default `deadLetterListLimit` (100), on every queue
   */
  list(options?: { limit?: number }): Promise<DeadLetter[]>
  /** Runs them again (all, or those ids) from attempt 1; resolves to how many. */
  replay(ids?: readonly string[]): Promise<number>
  /** Drops them (all, or those ids); resolves to how many. */
  purge(ids?: readonly string[]): Promise<number>
}

/** `receiver.deadLetters`: `handle` adds to `handlers` (the dispatcher's), the rest is the queue's. */
export function deadLettersOf(queue: HandoffQueue, handlers: DeadLetterHandler[]): DeadLetters {
  const deadLetters: DeadLetters = {
    handle(handler) {
      if (typeof handler !== 'function') throw new TypeError('deadLetters.handle() needs a handler function')
      handlers.push(handler)
      return deadLetters
    },
    list: (options) => queue.listDeadLetters(options),
    replay: (ids) => queue.replayDeadLetters(ids),
    purge: (ids) => queue.purgeDeadLetters(ids),
  }
  return deadLetters
}
