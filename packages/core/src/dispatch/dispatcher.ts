import type { WebhookEvent } from '../event.js'
import type { MaybePromise } from '../maybe-promise.js'
import { callHook, type Logger, type ReceiverHooks } from '../receiver/hooks.js'
import type {
  DeadLetterHandler,
  HandlerContext,
  HandlerRegistry,
  RegisteredHandler,
  Route,
} from '../receiver/registry.js'
import { type PayloadSchema, PayloadValidationError, validatePayload } from '../schema/standard-schema.js'
import type { IdempotencyStore } from '../store/store.js'
import type { RetryPolicy } from './backoff.js'
import type { AttemptResult, Job } from './queue.js'

/** The token of a job accepted without a claim (`onStoreError: 'accept'`): no store call is made for it. */
export const UNCLAIMED = ''

export interface DispatcherOptions {
  registry: HandlerRegistry
  store: IdempotencyStore
  retry: RetryPolicy
  /** ms a claim is held without renewal. */
  lease: number
  /** ms a completed id is remembered. */
  ttl: number
  /** What precedes the delivery id in a job's key, to give handlers the bare id. */
  keyNamespace: string
  /**
   * True when every job reaches the dispatcher in the process that claimed it (a non-durable queue): a
   * first attempt that starts moments after its claim then skips the lease renewal.
   */
  claimsInProcess: boolean
  onUnknownType: 'ignore' | 'dead-letter'
  deadLetterHandlers: readonly DeadLetterHandler[]
  hooks: ReceiverHooks
  logger: Logger
  /** Passed to handlers as `ctx.signal`. */
  signal: AbortSignal
}

type HandlerFailure = { id: string; error: unknown }
const done: AttemptResult = { status: 'done' }

/**
 * Decides what happens to a job after each attempt: done, retry (when, which handlers) or dead. It owns the
 * claim: it renews the lease while the job is alive, completes the id after success or dead-lettering (so
 * duplicates stay suppressed) and fences itself out when another worker took the claim over. Queues only
 * carry out its decisions, so every queue (memory, Redis) behaves the same.
 */
export class Dispatcher {
  /**
   * Payloads `receive()` already validated in this process, per schema, so a delivery handled in the same
   * process runs each schema once. Jobs that crossed a durable queue are new objects and validate again.
   */
  readonly validated = new WeakMap<WebhookEvent, Map<PayloadSchema, unknown>>()
  readonly #o: DispatcherOptions
  /** Jobs whose handlers run now, with the claim held: renewed together by one timer. */
  readonly #running = new Set<Job>()
  #renewTimer: ReturnType<typeof setInterval> | undefined

  constructor(options: DispatcherOptions) {
    this.#o = options
  }

  /** One attempt of a queued job (ack: 'after-handoff'). Never rejects. */
  readonly attempt = async (job: Job): Promise<AttemptResult> => {
    const started = performance.now()
    if (!this.#freshlyClaimed(job) && !(await this.#renew(job, this.#o.lease))) return done
    const route = this.#o.registry.route(job.event.type)
    if (route.handlers.length === 0) {
      if (this.#o.onUnknownType === 'ignore') return this.#finish(job, job.succeeded, started)
      return this.#dead(
        job,
        job.succeeded,
        new Error(`no handler is registered for "${job.event.type}"`),
        started,
      )
    }
    const validated = this.#validate(job.event, route)
    const payloads = validated instanceof Promise ? await validated : validated
    if (payloads instanceof PayloadValidationError) return this.#dead(job, job.succeeded, payloads, started)
    const { succeeded, failures } = await this.#run(job, route, payloads)
    // `return await`: adopting a returned promise would cost two more microtask turns.
    if (failures.length === 0) return await this.#finish(job, succeeded, started)
    const error = failureError(failures)
    if (job.attempt >= this.#o.retry.attempts) return this.#dead(job, succeeded, error, started)
    const delay = this.#o.retry.delayAfter(job.attempt)
    // The lease must outlive the wait, or a redelivery in between would be claimed and run everything again.
    if (!(await this.#renew(job, delay + this.#o.lease))) return done
    callHook(
      this.#o.hooks,
      'onRetry',
      { ...this.#info(job, started), error, delayMs: delay, failedHandlers: failures.map((f) => f.id) },
      this.#o.logger,
    )
    return { status: 'retry', delay, succeeded, error }
  }

  /**
   * Runs a claimed delivery's handlers once, now (ack: 'after-handler'): completes the id on success,
   * releases it on failure so the sender's retry is processed. Resolves to the failure, or undefined.
   */
  async runNow(job: Job): Promise<{ error: unknown } | undefined> {
    const started = performance.now()
    const route = this.#o.registry.route(job.event.type)
    const validated = this.#validate(job.event, route)
    const payloads = validated instanceof Promise ? await validated : validated
    const failure: HandlerFailure[] =
      payloads instanceof PayloadValidationError
        ? [{ id: 'schema', error: payloads }]
        : (await this.#run(job, route, payloads)).failures
    if (failure.length === 0) {
      await this.#finish(job, job.succeeded, started)
      return undefined
    }
    const error = failureError(failure)
    this.#o.logger.warn(
      { deliveryId: this.#deliveryId(job), type: job.event.type, err: error },
      'handler failed; the claim is released so the sender retries',
    )
    if (holdsClaim(job)) {
      await this.#o.store.release(job.key, job.token).catch((releaseError: unknown) => {
        this.#o.logger.error(
          { deliveryId: this.#deliveryId(job), err: releaseError },
          'could not release the claim; the id stays in progress until its lease lapses',
        )
      })
    }
    return { error }
  }

  async #run(
    job: Job,
    route: Route,
    payloads: Map<PayloadSchema, unknown> | undefined,
  ): Promise<{ succeeded: string[]; failures: HandlerFailure[] }> {
    const pending =
      job.succeeded.length === 0
        ? route.handlers
        : route.handlers.filter((h) => !job.succeeded.includes(h.id))
    const deliveryId = this.#deliveryId(job)
    const { logger } = this.#o
    const ctx: HandlerContext = {
      attempt: job.attempt,
      deliveryId,
      signal: this.#o.signal,
      log: logger.child ? logger.child({ deliveryId, type: job.event.type, attempt: job.attempt }) : logger,
    }
    const stopRenewing = this.#keepRenewing(job)
    // Most routes have one handler: no Promise.all (an array, a promise and a resolver per handler) for it.
    const results =
      pending.length === 1
        ? [await invoke(pending[0]!, job.event, payloads, ctx)]
        : await Promise.all(pending.map((handler) => invoke(handler, job.event, payloads, ctx)))
    stopRenewing()
    const succeeded = [...job.succeeded]
    const failures: HandlerFailure[] = []
    for (let i = 0; i < pending.length; i++) {
      const id = pending[i]!.id
      const result = results[i]
      if (result === undefined) succeeded.push(id)
      else failures.push({ id, error: result.error })
    }
    return { succeeded, failures }
  }

  /**
   * The schemas' outputs for the route, or why the payload fails them; undefined (at once, no Map) when
   * the route has no schema.
   */
  #validate(
    event: WebhookEvent,
    route: Route,
  ): MaybePromise<Map<PayloadSchema, unknown> | PayloadValidationError | undefined> {
    const known = this.validated.get(event)
    if (known !== undefined) {
      // Once only: a retry validates afresh, so a handler that mutated its payload cannot poison the next try.
      this.validated.delete(event)
      return known
    }
    if (route.schemas.length === 0) return undefined
    return validateAll(event.payload, route.schemas)
  }

  async #finish(job: Job, succeeded: readonly string[], started: number): Promise<AttemptResult> {
    if (holdsClaim(job)) {
      try {
        if (!(await this.#o.store.complete(job.key, job.token, { ttl: this.#o.ttl }))) {
          this.#o.logger.warn(
            { deliveryId: this.#deliveryId(job) },
            'the claim was taken over while handlers ran; another worker may process this delivery too',
          )
        }
      } catch (error) {
        if (job.attempt < this.#o.retry.attempts) {
          // Every handler succeeded: the retry runs none and only completes the id.
          this.#o.logger.warn(
            { deliveryId: this.#deliveryId(job), err: error },
            'could not complete the id; retrying',
          )
          return { status: 'retry', delay: this.#o.retry.delayAfter(job.attempt), succeeded, error }
        }
        this.#o.logger.error({ deliveryId: this.#deliveryId(job), err: error }, 'could not complete the id')
      }
    }
    // Its info costs two clock reads and an object: built only when the hook is there.
    if (this.#o.hooks.onHandled)
      callHook(this.#o.hooks, 'onHandled', this.#info(job, started), this.#o.logger)
    return done
  }

  async #dead(
    job: Job,
    succeeded: readonly string[],
    error: unknown,
    started: number,
  ): Promise<AttemptResult> {
    for (const handler of this.#o.deadLetterHandlers) {
      try {
        await handler(job.event, error)
      } catch (sinkError) {
        this.#o.logger.error(
          { deliveryId: this.#deliveryId(job), err: sinkError },
          'an onDeadLetter handler threw',
        )
      }
    }
    this.#o.logger.warn(
      { deliveryId: this.#deliveryId(job), type: job.event.type, attempt: job.attempt, err: error },
      'delivery dead-lettered',
    )
    callHook(this.#o.hooks, 'onDeadLetter', { ...this.#info(job, started), error }, this.#o.logger)
    if (holdsClaim(job)) {
      try {
        await this.#o.store.complete(job.key, job.token, { ttl: this.#o.ttl })
      } catch (storeError) {
        this.#o.logger.error(
          { deliveryId: this.#deliveryId(job), err: storeError },
          'could not complete the id',
        )
      }
    }
    return { status: 'dead', succeeded, error }
  }

  /**
   * Renews the claim for `lease` ms. False only when the store says another worker holds it now: the job
   * must then stop, since that worker runs every handler itself. A store that cannot answer is no proof
   * of a takeover, so the job goes on.
   */
  async #renew(job: Job, lease: number): Promise<boolean> {
    const { store } = this.#o
    if (!store.extend || !holdsClaim(job)) return true
    try {
      if (await store.extend(job.key, job.token, { lease })) return true
    } catch (error) {
      this.#o.logger.warn({ deliveryId: this.#deliveryId(job), err: error }, 'could not renew the lease')
      return true
    }
    this.#o.logger.warn(
      { deliveryId: this.#deliveryId(job) },
      'the claim was taken over by another worker; this job stops',
    )
    return false
  }

  /**
   * A first attempt within a third of a lease of its claim, in the claiming process: at least two thirds
   * of the lease are left, and the renewal timer (every third of a lease) renews it before it lapses. A
   * store call to renew it now would buy nothing; nor could it detect a takeover, which needs a lapsed lease.
   */
  #freshlyClaimed(job: Job): boolean {
    return this.#o.claimsInProcess && job.attempt === 1 && Date.now() - job.receivedAt < this.#o.lease / 3
  }

  /**
   * Renews the lease every third of it while handlers run, so a slow handler is never taken over. One
   * timer serves every running job. It stops itself at the first tick with nothing running, rather than
   * when the last job ends: deliveries handled one after another then share one timer instead of each
   * creating and clearing its own. It never keeps the process alive (unref).
   */
  #keepRenewing(job: Job): () => void {
    if (!this.#o.store.extend || !holdsClaim(job)) return noop
    this.#running.add(job)
    this.#renewTimer ??= this.#startRenewing()
    return () => this.#running.delete(job)
  }

  #startRenewing(): ReturnType<typeof setInterval> {
    const timer = setInterval(() => {
      if (this.#running.size === 0) {
        clearInterval(timer)
        this.#renewTimer = undefined
      }
      for (const running of this.#running) void this.#renew(running, this.#o.lease)
    }, this.#o.lease / 3)
    ;(timer as { unref?: () => void }).unref?.()
    return timer
  }

  #deliveryId(job: Job): string {
    return job.event.id ?? job.key.slice(this.#o.keyNamespace.length)
  }

  #info(job: Job, started: number) {
    return {
      event: job.event,
      deliveryId: this.#deliveryId(job),
      attempt: job.attempt,
      durationMs: performance.now() - started,
      sinceReceivedMs: Date.now() - job.receivedAt,
    }
  }
}

async function validateAll(
  payload: unknown,
  schemas: readonly PayloadSchema[],
): Promise<Map<PayloadSchema, unknown> | PayloadValidationError> {
  const payloads = new Map<PayloadSchema, unknown>()
  for (const schema of schemas) {
    const result = await validatePayload(schema, payload)
    if (!result.ok) return new PayloadValidationError(result.issues)
    payloads.set(schema, result.value)
  }
  return payloads
}

/** Replays run without the claim: it was completed when the job was dead-lettered. */
const holdsClaim = (job: Job) => job.token !== UNCLAIMED && job.replayed !== true

const noop = () => {}

/** Runs one handler; resolves to its failure or undefined, never rejects. */
async function invoke(
  handler: RegisteredHandler,
  event: WebhookEvent,
  payloads: Map<PayloadSchema, unknown> | undefined,
  ctx: HandlerContext,
): Promise<{ error: unknown } | undefined> {
  try {
    const seen = handler.schema && payloads ? { ...event, payload: payloads.get(handler.schema) } : event
    await (handler.run as (event: WebhookEvent, ctx: HandlerContext) => unknown)(seen, ctx)
    return undefined
  } catch (error) {
    return { error }
  }
}

function failureError(failures: readonly HandlerFailure[]): unknown {
  if (failures.length === 1) return failures[0]!.error
  return new AggregateError(
    failures.map((f) => f.error),
    `${failures.length} handlers failed: ${failures.map((f) => `${f.id}: ${messageOf(f.error)}`).join('; ')}`,
  )
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
