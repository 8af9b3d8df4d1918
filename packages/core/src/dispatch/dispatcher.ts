import { ClaimLostError, InvalidOrderingError, OrderKeyBusyError, PayloadValidationError } from '../errors.js'
import type { DeadLetterHandler, HandlerRegistry, Route } from '../handlers/registry.js'
import type { MaybePromise } from '../maybe-promise.js'
import { callHook, type Logger, type ReceiverHooks } from '../observe/hooks.js'
import { type PayloadIssue, type ValidatedPayloads, validateAll } from '../schema/standard-schema.js'
import { idOfKey } from '../store/dedup-key.js'
import type { IdempotencyStore } from '../store/store.js'
import type { RetryPolicy } from './backoff.js'
import { ClaimKeeper, type RunningAttempt } from './claim-keeper.js'
import { type HeldKey, OrderKeeper, type OrderTurn, type StaleTurn } from './order-keeper.js'
import type { AttemptResult, Job } from './queue.js'
import { failureError, type HandlerFailure, runHandlers } from './run-handlers.js'

export interface DispatcherOptions {
  registry: HandlerRegistry
  store: IdempotencyStore
  retry: RetryPolicy
  /** ms a claim is held without renewal. */
  lease: number
  /** ms a completed id is remembered. */
  dedupWindow: number
  /** What precedes the delivery id in a job's key, to give handlers the bare id. */
  keyNamespace: string
  /**
   * True when every job reaches the dispatcher in the process that claimed it (a non-durable queue): a
   * first attempt that starts moments after its claim then holds it as claimed, without `store.acquire`.
   */
  claimsInProcess: boolean
  unknownType: 'ignore' | 'dead-letter'
  deadLetterHandlers: readonly DeadLetterHandler[]
  hooks: ReceiverHooks
  logger: Logger
  /**
   * The signal that aborts every handler's `ctx.signal` (the receiver gave up waiting for them), asked
   * for at the first attempt: Workers refuse to make one at module load, where receivers are made.
   */
  signal: () => AbortSignal
}

const done: AttemptResult = { status: 'done' }

/**
 * Decides what happens to a job after each attempt: done, retry (when, which handlers) or dead. It owns the
 * claim (through its `ClaimKeeper`): each attempt takes it over with a new token and fence, renews the lease
 * while the job is alive, completes the id after success or dead-lettering (so duplicates stay suppressed),
 * and stops, its result discarded, when another worker took the claim over. Queues only carry out its
 * decisions, so every queue (memory, Redis) behaves the same.
 */
export class Dispatcher {
  readonly #o: DispatcherOptions
  readonly #claims: ClaimKeeper
  readonly #orders: OrderKeeper

  constructor(options: DispatcherOptions) {
    this.#o = options
    this.#claims = new ClaimKeeper(options)
    this.#orders = new OrderKeeper(options)
  }

  /** One attempt of a queued job (ack: 'queued'). Never rejects. */
  readonly attempt = async (job: Job): Promise<AttemptResult> => {
    let running: RunningAttempt | undefined
    try {
      const begun = this.#claims.begin(job, this.#deliveryId(job), performance.now())
      running = begun instanceof Promise ? await begun : begun
    } catch (error) {
      return this.#retry(job, job.succeeded, error, 'could not acquire the claim; retrying')
    }
    if (running === undefined) return done
    const route = this.#o.registry.route(job.event.type)
    if (route.handlers.length === 0) {
      if (this.#o.unknownType === 'ignore') return this.#finish(running, job.succeeded)
      return this.#dead(running, job.succeeded, new Error(`no handler is registered for "${job.event.type}"`))
    }
    const validated = this.#validate(job, route)
    const payloads = validated instanceof Promise ? await validated : validated
    if (Array.isArray(payloads))
      return this.#dead(running, job.succeeded, new PayloadValidationError(payloads))
    let turn: OrderTurn
    try {
      const taking = this.#orders.take(running, route.ordering)
      turn = taking instanceof Promise ? await taking : taking
    } catch (error) {
      if (error instanceof InvalidOrderingError) return this.#dead(running, job.succeeded, error)
      return this.#retry(job, job.succeeded, error, 'could not take the order key; retrying')
    }
    if (turn.status === 'busy') return this.#wait(running, job.succeeded)
    if (turn.status === 'stale') return this.#finish(running, job.succeeded, turn)
    const held = turn.status === 'held' ? turn.held : undefined
    const fence = held ? held.fence : running.fence
    const { succeeded, failures } = await runHandlers(
      running,
      route,
      payloads,
      fence,
      this.#claims,
      this.#o.logger,
    )
    const left = held && (await this.#leave(running, held, succeeded, failures.length > 0))
    if (left) return left
    if (running.lost) return done
    // `return await`: adopting a returned promise would cost two more microtask turns.
    if (failures.length === 0) return await this.#finish(running, succeeded)
    return this.#failed(
      running,
      succeeded,
      failureError(failures),
      failures.map((f) => f.id),
    )
  }

  /** Failed attempts are retried after the policy's delay, until the last, which is dead-lettered. */
  async #failed(
    running: RunningAttempt,
    succeeded: readonly string[],
    error: unknown,
    failedHandlers: string[],
  ): Promise<AttemptResult> {
    const { job } = running
    if (job.attempt >= this.#o.retry.attempts) return this.#dead(running, succeeded, error, failedHandlers)
    const delay = this.#o.retry.delayAfter(job.attempt)
    // The lease must outlive the wait, or a redelivery in between would be claimed and run everything again.
    if (!(await this.#claims.renew(running, delay + this.#o.lease))) return done
    this.#o.logger.warn(
      {
        deliveryId: running.deliveryId,
        type: job.event.type,
        attempt: job.attempt,
        delayMs: delay,
        failedHandlers,
        err: error,
      },
      'attempt failed; retrying',
    )
    callHook(
      this.#o.hooks,
      'onRetry',
      { ...running.info(), error, delayMs: delay, failedHandlers },
      this.#o.logger,
    )
    return { status: 'retry', delay, succeeded, error }
  }

  /** The job's order key is held by another attempt: it waits, up to a limit past which it counts as failed. */
  #wait(running: RunningAttempt, succeeded: readonly string[]): MaybePromise<AttemptResult> {
    const waiting = this.#orders.wait(running.job, succeeded)
    if (waiting) return waiting
    const error = new OrderKeyBusyError('the order key stayed held by another attempt past the wait limit')
    return this.#failed(running, succeeded, error, [])
  }

  /**
   * Frees the order key after the handlers ran, recording the version when they all succeeded. The
   * attempt's result when that decides it: done once the claim is lost, a wait once the key was lost (its
   * handlers ran beside another holder's: they run again under the key, those that succeeded excepted).
   */
  async #leave(
    running: RunningAttempt,
    held: HeldKey,
    succeeded: readonly string[],
    failed: boolean,
  ): Promise<AttemptResult | undefined> {
    if (running.lost || held.lost || failed) {
      await this.#orders.leaveQuietly(held)
      if (running.lost) return done
      return held.lost ? this.#wait(running, succeeded) : undefined
    }
    try {
      if (await this.#orders.leave(held, held.version)) return undefined
    } catch (error) {
      return this.#retry(
        running.job,
        succeeded,
        error,
        'could not record the version of the order key; retrying',
      )
    }
    return this.#wait(running, succeeded)
  }

  /**
   * Runs a claimed delivery's handlers once, now (ack: 'handled'): completes the id on success,
   * releases it on failure so the sender's retry is processed. Resolves to the failure, or undefined.
   */
  async runNow(job: Job): Promise<{ error: unknown } | undefined> {
    const running = this.#claims.beginClaimed(job, this.#deliveryId(job), performance.now())
    const route = this.#o.registry.route(job.event.type)
    const validated = this.#validate(job, route)
    const payloads = validated instanceof Promise ? await validated : validated
    const failure: HandlerFailure[] = Array.isArray(payloads)
      ? [{ id: 'schema', error: new PayloadValidationError(payloads) }]
      : (await runHandlers(running, route, payloads, running.fence, this.#claims, this.#o.logger)).failures
    if (failure.length === 0 && !running.lost) await this.#finish(running, job.succeeded)
    // Not ours to answer for any more: the sender's retry is told how the new holder did.
    if (running.lost) return { error: new ClaimLostError() }
    if (failure.length === 0) return undefined
    const error = failureError(failure)
    this.#o.logger.warn(
      { deliveryId: running.deliveryId, type: job.event.type, err: error },
      'handler failed; the claim is released so the sender retries',
    )
    await this.#claims.release(running)
    return { error }
  }

  /**
   * The schemas' outputs for the route, or why the payload fails them; undefined (at once, no Map) when
   * the route has no schema.
   */
  #validate(job: Job, route: Route): MaybePromise<ValidatedPayloads | PayloadIssue[] | undefined> {
    const known = job.validated
    if (known !== undefined) {
      // Once only: a retry validates afresh, so a handler that mutated its payload cannot poison the next try.
      job.validated = undefined
      return known
    }
    if (route.schemas.length === 0) return undefined
    return validateAll(job.event.payload, route.schemas)
  }

  /** Completes the id, then reports the delivery handled, or `stale` (not handled: its version is old). */
  async #finish(
    running: RunningAttempt,
    succeeded: readonly string[],
    stale?: StaleTurn,
  ): Promise<AttemptResult> {
    try {
      const completing = this.#claims.complete(running)
      if (!(completing instanceof Promise ? await completing : completing)) return done
    } catch (error) {
      // Every handler succeeded: the retry runs none and only completes the id.
      if (running.job.attempt < this.#o.retry.attempts)
        return this.#retry(running.job, succeeded, error, 'could not complete the id; retrying')
      this.#o.logger.error({ deliveryId: running.deliveryId, err: error }, 'could not complete the id')
    }
    if (stale) this.#orders.reportStale(running, stale)
    // Its info costs two clock reads and an object: built only when the hook is there.
    else if (this.#o.hooks.onHandled) callHook(this.#o.hooks, 'onHandled', running.info(), this.#o.logger)
    return done
  }

  async #dead(
    running: RunningAttempt,
    succeeded: readonly string[],
    error: unknown,
    failedHandlers: string[] = [],
  ): Promise<AttemptResult> {
    const { job, deliveryId } = running
    // Completed first: a claim lost meanwhile means the new holder decides, and nothing is dead-lettered.
    try {
      const completing = this.#claims.complete(running)
      if (!(completing instanceof Promise ? await completing : completing)) return done
    } catch (storeError) {
      this.#o.logger.error({ deliveryId, err: storeError }, 'could not complete the id')
    }
    for (const handler of this.#o.deadLetterHandlers) {
      try {
        await handler(job.event, error)
      } catch (sinkError) {
        this.#o.logger.error({ deliveryId, err: sinkError }, 'a deadLetters.handle() handler threw')
      }
    }
    this.#o.logger.warn(
      { deliveryId, type: job.event.type, attempt: job.attempt, err: error },
      'delivery dead-lettered',
    )
    callHook(this.#o.hooks, 'onDeadLettered', { ...running.info(), error, failedHandlers }, this.#o.logger)
    return { status: 'dead', succeeded, error }
  }

  /** Asks the store again after the usual delay: it could not answer, and the handlers' outcome is kept. */
  #retry(job: Job, succeeded: readonly string[], error: unknown, message: string): AttemptResult {
    const delay = this.#o.retry.delayAfter(job.attempt)
    this.#o.logger.warn(
      { deliveryId: this.#deliveryId(job), attempt: job.attempt, delayMs: delay, err: error },
      message,
    )
    return { status: 'retry', delay, succeeded, error }
  }

  #deliveryId(job: Job): string {
    return job.event.id ?? idOfKey(job.key, this.#o.keyNamespace, job.event.tenant)
  }
}
