/** This process consuming the receiver's queue. */
export interface Worker {
  /** Stops taking jobs; resolves once the running attempts have settled. `work()` starts again. */
  stop(): Promise<void>
  /**
   * Settles when this worker ends: resolves once it was stopped (`stop()`, `close()`), rejects with the
   * error it failed with, e.g. a queue that cannot read its jobs (`ConsumerFailedError` of
   * `@hookgate/redis`). Outages the queue outlives never settle it. Awaiting it is optional: a failure is
   * logged and reported to `onWorkerFailed` either way.
   */
  readonly done: Promise<void>
}

/**
 * `idle`: `work()` was never called (a durable queue waits for it); `running`; `stopped` by `stop()` or
 * `close()`; `failed`: the queue's consumer gave up, and no handler runs in this process until `work()`
 * is called again.
 */
export type WorkerStatus = 'idle' | 'running' | 'stopped' | 'failed'

/** What `receiver.health()` tells, for a readiness probe or a status page. */
export interface ReceiverHealth {
  /** False while the worker is `failed`. */
  ok: boolean
  worker: WorkerStatus
  /** Why the worker failed, while it is `failed`. */
  error?: unknown
}

/**
 * Starts and stops the one worker of a receiver and keeps its status. `consume` runs the queue until the
 * signal aborts; `onFailed` is told each time it rejects.
 */
export class WorkerRunner {
  #current: { abort: AbortController; done: Promise<void> } | undefined
  #status: WorkerStatus = 'idle'
  #error: unknown

  constructor(
    private readonly consume: (signal: AbortSignal) => Promise<void>,
    private readonly onFailed: (error: unknown) => void,
  ) {}

  get running(): boolean {
    return this.#current !== undefined
  }

  /** Starts the worker unless it runs; either way returns it. */
  start(): Worker {
    if (this.#current === undefined) {
      const abort = new AbortController()
      const consuming = this.consume(abort.signal)
      const done = consuming.catch((error: unknown) => {
        // A worker stopped meanwhile ended as asked, whatever its last words.
        if (this.#current?.abort !== abort) return
        abort.abort() // whatever of it still runs stops taking jobs
        this.#current = undefined
        this.#status = 'failed'
        this.#error = error
        this.onFailed(error)
        throw error
      })
      done.catch(() => {}) // reported through onFailed: never an unhandled rejection
      this.#current = { abort, done }
      this.#status = 'running'
      this.#error = undefined
    }
    return { stop: () => this.stop(), done: this.#current.done }
  }

  /** Stops the running worker, if any; resolves once its attempts have settled. */
  async stop(): Promise<void> {
    const current = this.#current
    if (current === undefined) return
    this.#current = undefined
    this.#status = 'stopped'
    current.abort.abort()
    await current.done.catch(() => {})
  }

  health(): ReceiverHealth {
    return this.#status === 'failed'
      ? { ok: false, worker: this.#status, error: this.#error }
      : { ok: true, worker: this.#status }
  }
}
