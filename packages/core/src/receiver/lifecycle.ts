import { type Duration, toMs } from '../duration.js'
import type { Logger } from '../observe/hooks.js'

/**
 * The receiver from its creation to `close()`: counts the `receive()` calls under way so shutting down
 * lets them finish (claim, hand off, ack: 'handled' handlers), and owns the signal that tells running
 * handlers the receiver stopped waiting for them.
 */
export class Lifecycle {
  /**
   * `ctx.signal` of every handler; aborted when `close()` stops waiting. Made at the first handler, not
   * with the receiver: Workers refuse an `AbortController` in the global scope, where apps make receivers.
   */
  #handlerAbort: AbortController | undefined
  #receiving = 0
  #onReceivesSettled: (() => void) | undefined
  #closing: Promise<void> | undefined

  constructor(private readonly logger: Logger) {}

  get handlerSignal(): AbortSignal {
    this.#handlerAbort ??= new AbortController()
    return this.#handlerAbort.signal
  }

  /** True from the first `close()` on: new deliveries are turned away. */
  get closing(): boolean {
    return this.#closing !== undefined
  }

  /** A `receive()` call starts; `close()` waits for its `received()`. */
  receiving(): void {
    this.#receiving++
  }

  received(): void {
    if (--this.#receiving === 0 && this.#onReceivesSettled) {
      this.#onReceivesSettled()
      this.#onReceivesSettled = undefined
    }
  }

  /** See `Receiver.close`; `stopConsuming` stops this process's worker once no delivery is being received. */
  close(timeout: Duration | undefined, stopConsuming: () => Promise<void>): Promise<void> {
    this.#closing ??= this.#shutDown(toMs(timeout ?? '10s', 'timeout'), stopConsuming)
    return this.#closing
  }

  async #shutDown(timeout: number, stopConsuming: () => Promise<void>): Promise<void> {
    // Deliveries already past the closing check finish first, so none is queued after consuming stopped.
    const running = this.#receivesSettled().then(stopConsuming)
    let timer: ReturnType<typeof setTimeout> | undefined
    const timedOut = new Promise<true>((resolve) => {
      timer = setTimeout(() => resolve(true), timeout)
    })
    if (await Promise.race([running.then(() => false), timedOut])) {
      this.logger.warn(
        { timeoutMs: timeout },
        'close() timed out with handlers running; aborting their signal',
      )
    }
    clearTimeout(timer)
    // None made: no handler ran, and one starting after this is aborted at once.
    this.#handlerAbort ??= new AbortController()
    this.#handlerAbort.abort(new Error('the receiver closed'))
  }

  #receivesSettled(): Promise<void> {
    if (this.#receiving === 0) return Promise.resolve()
    return new Promise((resolve) => {
      this.#onReceivesSettled = resolve
    })
  }
}
