import type { AttemptResult, HandoffQueue, Job, JobTrace } from '../dispatch/queue.js'
import type { Outcome } from '../outcome/outcome.js'
import type { RawRequest } from '../request.js'
import type { IdempotencyStore } from '../store/store.js'
import type { Logger, ReceiverHooks } from './hooks.js'

/**
 * Wrappers around the two spans of a delivery's life, for tracers (`@hookgate/otel`), tracer-agnostic:
 * each runs the step through `run` (exactly once, returning what it returns), so whatever it makes active
 * around the call (a span in the tracer's context) is active in the step. Like hooks they must not throw.
 */
export interface Instrumentation {
  /**
   * One `receive()`. `run(trace)` receives the request; `trace` is put on every job it hands off
   * (`Job.trace`), so an attempt in any process can link to this delivery.
   */
  receive?(request: RawRequest, run: (trace: JobTrace | undefined) => Promise<Outcome>): Promise<Outcome>
  /**
   * One attempt of a job. With `ack: 'handled'`, a failed attempt resolves to a `retry` of delay 0: the
   * sender retries it.
   */
  attempt?(job: Job, run: () => Promise<AttemptResult>): Promise<AttemptResult>
}

/** What `receiver.observe()` adds: hooks (called after the receiver's own) and instrumentation. */
export interface Observer extends ReceiverHooks, Instrumentation {}

/** The parts of a receiver an observer may read: to label what it records and to sample the queue. */
export interface ObservedReceiver {
  /** `Provider.name`: `stripe`, `github`, ... */
  readonly providerName: string
  /**
   * What precedes every dedup key of this receiver (`namespace:provider:`, see `dedupKey`): an observer
   * keeping keys of its own in the shared store scopes them by it, so receivers sharing a store keep apart.
   */
  readonly keyNamespace: string
  readonly queue: HandoffQueue
  readonly store: IdempotencyStore
  /** The receiver's `logger`. */
  readonly logger: Logger
}
