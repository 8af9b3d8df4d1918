import { releaseOrReport, UNCLAIMED } from '../dispatch/claim-keeper.js'
import type { Dispatcher } from '../dispatch/dispatcher.js'
import type { AttemptResult, Job, JobTrace } from '../dispatch/queue.js'
import { HandlerFailedError } from '../errors.js'
import type { WebhookEvent } from '../event.js'
import { type Outcome, type ReceiveOptions, rejectionOutcome } from '../outcome/outcome.js'
import { retryLater, success, withEvent } from '../outcome/respond.js'
import type { ValidatedPayloads } from '../schema/standard-schema.js'
import type { ClaimOptions, ClaimStatus } from '../store/store.js'
import { bounded } from './bounded.js'
import type { Observers } from './observers.js'
import type { ResolvedOptions } from './options.js'

const noneSucceeded: readonly string[] = Object.freeze([])
const done: AttemptResult = { status: 'done' }

/** What `receive()` passes down to the hand-off: the caller's options, and an instrumentation's trace. */
export interface HandOffOptions extends ReceiveOptions {
  /** Put on the job (`Job.trace`). */
  trace?: JobTrace
}

/** The answer while `maxPending` deliveries wait: nothing was claimed, so the sender's retry is processed. */
function queueFull(maxPending: number): Outcome {
  return rejectionOutcome(
    'queue_full',
    `${maxPending} deliveries are waiting to be handled (maxPending); retry later`,
    retryLater,
  )
}

/**
 * The last steps of `receive()`: claim the id, then queue the job (ack: 'queued') or run its handlers now
 * (ack: 'handled'), and answer for it. `validated` is what `receive()` validated, handed to the first
 * attempt on the job itself when it runs in this process.
 */
export class ClaimAndHandOff {
  /** Deliveries being handled before their answer (ack: 'handled'): what `maxPending` bounds there. */
  #handling = 0
  /** Settles the `waitUntil` promise of an accepted delivery after its first attempt. */
  readonly #attempted = new WeakMap<Job, () => void>()

  constructor(
    private readonly o: ResolvedOptions,
    private readonly dispatcher: Dispatcher,
    /** Whether this process consumes the queue, so a first attempt here can settle `waitUntil`. */
    private readonly consuming: () => boolean,
    private readonly observers: Observers,
  ) {}

  /** What the queue's consumer runs: one attempt, then `waitUntil` is told the first one is over. */
  readonly runAttempt = async (job: Job) => {
    try {
      const wrap = this.observers.attempt
      return await (wrap ? wrap(job, () => this.dispatcher.attempt(job)) : this.dispatcher.attempt(job))
    } finally {
      this.#attempted.get(job)?.()
      this.#attempted.delete(job)
    }
  }

  /** ack: 'queued': claim, queue, answer 202; the dispatcher takes it from there. */
  async handOff(
    event: WebhookEvent,
    id: string,
    key: string,
    claim: ClaimOptions,
    validated: ValidatedPayloads | undefined,
    options: HandOffOptions | undefined,
  ): Promise<Outcome> {
    const o = this.o
    const job: Job = {
      key,
      token: UNCLAIMED,
      event,
      attempt: 1,
      succeeded: noneSucceeded,
      receivedAt: Date.now(),
      // A durable queue's job is attempted from its encoding, which carries no outputs (see `Job.validated`).
      validated: o.queue.durable ? undefined : validated,
    }
    if (options?.trace) job.trace = options.trace
    // Watched before it is queued: an in-process queue may finish the attempt before enqueue resolves.
    const unwatch = options?.waitUntil ? this.#watchFirstAttempt(job, options.waitUntil) : undefined
    let status: ClaimStatus | 'full' = 'in_progress'
    try {
      status = await this.#claimAndEnqueue(job, claim)
    } catch (error) {
      if (!o.acceptOnStoreFailure) throw error
      o.logger.warn(
        { deliveryId: id, err: error },
        'store failed; accepting unclaimed (storeFailure: accept)',
      )
      await bounded(o.queue, () => o.queue.enqueue(job), o.storeTimeout)
      status = 'claimed'
    } finally {
      if (status !== 'claimed') unwatch?.()
    }
    if (status === 'full') return withEvent(queueFull(o.maxPending), event)
    if (status !== 'claimed') return this.answerKnown(status, id, event)
    return success('accepted', id, event)
  }

  /** ack: 'handled': claim, run the handlers now, answer with their result. */
  async handleNow(
    event: WebhookEvent,
    id: string,
    key: string,
    claim: ClaimOptions,
    validated: ValidatedPayloads | undefined,
    options?: HandOffOptions,
  ): Promise<Outcome> {
    const o = this.o
    if (this.#handling >= o.maxPending) return withEvent(queueFull(o.maxPending), event)
    this.#handling++
    try {
      return await this.#handleNow(event, id, key, claim, validated, options?.trace)
    } finally {
      this.#handling--
    }
  }

  async #handleNow(
    event: WebhookEvent,
    id: string,
    key: string,
    claim: ClaimOptions,
    validated: ValidatedPayloads | undefined,
    trace: JobTrace | undefined,
  ): Promise<Outcome> {
    const o = this.o
    let token = UNCLAIMED
    let fence: number | undefined
    try {
      const result = await bounded(o.store, () => o.store.claim(key, claim), o.storeTimeout)
      if (result.status !== 'claimed') return this.answerKnown(result.status, id, event)
      token = result.token
      fence = result.fence
    } catch (error) {
      if (!o.acceptOnStoreFailure) throw error
      o.logger.warn({ deliveryId: id, err: error }, 'store failed; handling unclaimed (storeFailure: accept)')
    }
    const job: Job = {
      key,
      token,
      fence,
      event,
      attempt: 1,
      succeeded: noneSucceeded,
      receivedAt: Date.now(),
      validated,
    }
    if (trace) job.trace = trace
    const wrap = this.observers.attempt
    const failed = wrap ? await this.#runNowWrapped(wrap, job) : await this.dispatcher.runNow(job)
    if (failed !== undefined) throw new HandlerFailedError('a handler failed', { cause: failed.error })
    return success('handled', id, event)
  }

  /** `runNow` inside the instrumentation's attempt wrapper, which is told a failure as a retry at once. */
  async #runNowWrapped(
    wrap: NonNullable<Observers['attempt']>,
    job: Job,
  ): Promise<{ error: unknown } | undefined> {
    let failed: { error: unknown } | undefined
    await wrap(job, async (): Promise<AttemptResult> => {
      failed = await this.dispatcher.runNow(job)
      return failed ? { status: 'retry', delay: 0, succeeded: job.succeeded, error: failed.error } : done
    })
    return failed
  }

  /** The answer for an id the store already knows: a duplicate, a conflict, or one being processed. */
  answerKnown(status: ClaimStatus, id: string | undefined, event: WebhookEvent | undefined): Outcome {
    if (status === 'conflict') {
      return withEvent(
        rejectionOutcome(
          'id_conflict',
          'this id was already received with a different payload; it is not processed again',
        ),
        event,
      )
    }
    if (status === 'in_progress' && this.o.ackWhenHandled) {
      return withEvent(
        rejectionOutcome('in_progress', 'this id is being processed right now; retry later', retryLater),
        event,
      )
    }
    return success('duplicate', id, event)
  }

  /**
   * Gives `waitUntil` a promise settled after the job's first attempt in this process, so runtimes that
   * stop after the response (Workers, Vercel) let it run. Durable queues need none: the job is safe.
   * Returns the way to settle it early, when the job is not queued after all.
   */
  #watchFirstAttempt(
    job: Job,
    waitUntil: NonNullable<ReceiveOptions['waitUntil']>,
  ): (() => void) | undefined {
    if (this.o.queue.durable || !this.consuming()) return undefined
    let settle!: () => void
    waitUntil(new Promise<void>((resolve) => (settle = resolve)))
    this.#attempted.set(job, settle)
    return () => {
      this.#attempted.delete(job)
      settle()
    }
  }

  /** One atomic step where the queue offers it (Redis), else claim then enqueue, releasing on failure. */
  async #claimAndEnqueue(job: Job, claim: ClaimOptions): Promise<ClaimStatus | 'full'> {
    const { store, queue, logger, storeTimeout, maxPending } = this.o
    const { claimAndEnqueue } = queue
    if (claimAndEnqueue) {
      const limits = { maxPending }
      return (
        await bounded(queue, () => claimAndEnqueue.call(queue, job.key, claim, job, limits), storeTimeout)
      ).status
    }
    if (queue.pending) {
      const counting = bounded(queue, () => queue.pending!(), storeTimeout)
      if ((counting instanceof Promise ? await counting : counting) >= maxPending) return 'full'
    }
    // Awaited only when the store or queue answers with a promise: in-process ones answer at once.
    const claiming = bounded(store, () => store.claim(job.key, claim), storeTimeout)
    const result = claiming instanceof Promise ? await claiming : claiming
    if (result.status !== 'claimed') return result.status
    job.token = result.token
    job.fence = result.fence
    try {
      const enqueued = bounded(queue, () => queue.enqueue(job), storeTimeout)
      if (enqueued instanceof Promise) await enqueued
    } catch (error) {
      // Not queued means not ours: free the id so the sender's retry (after our 503) is processed.
      void releaseOrReport(store, job.key, result.token, (releaseError) =>
        logger.error(
          { key: job.key, err: releaseError },
          'could not release the claim after a failed enqueue',
        ),
      )
      throw error
    }
    return 'claimed'
  }
}
