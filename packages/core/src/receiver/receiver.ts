import { releaseOrReport, UNCLAIMED } from '../dispatch/claim-keeper.js'
import { Dispatcher, messageOf } from '../dispatch/dispatcher.js'
import type { Job } from '../dispatch/queue.js'
import { type Duration, toMs } from '../duration.js'
import type { WebhookEvent } from '../event.js'
import type { MaybePromise } from '../maybe-promise.js'
import type { RawRequest } from '../request.js'
import {
  type InferPayload,
  isStandardSchema,
  type PayloadIssue,
  type PayloadSchema,
  validatePayload,
} from '../schema/standard-schema.js'
import { type ClaimOptions, type ClaimStatus, StoreUnavailableError } from '../store/store.js'
import { type DeadLetters, deadLettersOf } from './dead-letters.js'
import { callHook, type Logger } from './hooks.js'
import { IgnoredTypes } from './ignored.js'
import { type ReceiverOptions, type ResolvedOptions, resolveOptions } from './options.js'
import { type Outcome, type ReceiveOptions, rejectionOutcome, type WebhookEndpoint } from './outcome.js'
import { payloadHash } from './payload-hash.js'
import {
  type DeadLetterHandler,
  type HandlerOptions,
  HandlerRegistry,
  type Route,
  type WebhookHandler,
} from './registry.js'
import { challenge, failure, HandlerFailedError, retryLater, success } from './respond.js'
import { type ReceiverHealth, type Worker, WorkerRunner } from './worker.js'

const noneSucceeded: readonly string[] = Object.freeze([])

/**
 * Receives one provider's webhooks: verifies, dedups, validates, hands off, and runs the handlers
 * registered with `on()`. See `createReceiver`.
 */
export class Receiver implements WebhookEndpoint {
  /** Handle each as it comes (`handle`), list, replay and purge them. */
  readonly deadLetters: DeadLetters
  readonly #o: ResolvedOptions
  readonly #registry: HandlerRegistry
  readonly #deadLetterHandlers: DeadLetterHandler[] = []
  readonly #ignored: IgnoredTypes
  readonly #dispatcher: Dispatcher
  /** `ctx.signal` of every handler; aborted when `close()` stops waiting. */
  readonly #handlerAbort = new AbortController()
  /** `receive()` calls under way: `close()` lets them finish (claim, hand off, ack: 'handled' handlers). */
  #receiving = 0
  #onReceivesSettled: (() => void) | undefined
  /** Settles the `waitUntil` promise of an accepted delivery after its first attempt. */
  readonly #attempted = new WeakMap<Job, () => void>()
  readonly #worker: WorkerRunner
  #closing: Promise<void> | undefined

  constructor(options: ReceiverOptions) {
    const o = resolveOptions(options)
    this.#o = o
    this.#registry = new HandlerRegistry(o.queue.durable ? onceWarner(o.logger) : undefined)
    this.#ignored = new IgnoredTypes(this.#registry, o.hooks, o.logger)
    this.#dispatcher = new Dispatcher({
      registry: this.#registry,
      store: o.store,
      retry: o.retry,
      lease: o.lease,
      dedupWindow: o.dedupWindow,
      keyNamespace: o.keyNamespace,
      claimsInProcess: !o.queue.durable,
      unknownType: o.deadLetterUnknown ? 'dead-letter' : 'ignore',
      deadLetterHandlers: this.#deadLetterHandlers,
      hooks: o.hooks,
      logger: o.logger,
      signal: this.#handlerAbort.signal,
    })
    const { queue } = o
    this.deadLetters = deadLettersOf(queue, this.#deadLetterHandlers)
    this.#worker = new WorkerRunner(
      (signal) => queue.consume(this.#runAttempt, { concurrency: o.concurrency, signal }),
      (error) => {
        o.logger.error({ err: error }, 'the queue consumer failed; no handler runs here until work() again')
        callHook(o.hooks, 'onWorkerFailed', { error }, o.logger)
      },
    )
    // An in-process queue has no other consumer than this receiver; a durable one waits for `work()`.
    if (!queue.durable) this.work()
  }

  /** Adapters stop reading bodies past this: the provider's limit. */
  get maxBodyBytes(): number {
    return this.#o.provider.maxBodyBytes
  }

  /**
   * Registers a handler for one type, several, or `'*'` (every type). With a schema (any Standard Schema:
   * zod, valibot, arktype), deliveries are validated before they are accepted and `event.payload` is the
   * schema's output. Every handler of a type runs (then those of `'*'`); one failing does not stop the
   * others, and only the failed ones are retried.
   */
  on<const T extends string, S extends PayloadSchema>(
    type: T | readonly T[],
    schema: S,
    handler: WebhookHandler<InferPayload<S>, T>,
    options?: HandlerOptions,
  ): this
  on<const T extends string>(
    type: T | readonly T[],
    handler: WebhookHandler<unknown, T>,
    options?: HandlerOptions,
  ): this
  on(
    type: string | readonly string[],
    schemaOrHandler: PayloadSchema | WebhookHandler<never, string>,
    handlerOrOptions?: WebhookHandler<never, string> | HandlerOptions,
    options?: HandlerOptions,
  ): this {
    // Decided by the third argument, not by the second's typeof: arktype schemas are functions too.
    const withSchema = typeof handlerOrOptions === 'function'
    const schema = withSchema ? (schemaOrHandler as PayloadSchema) : undefined
    const run = withSchema ? handlerOrOptions : (schemaOrHandler as WebhookHandler<never, string>)
    if (typeof run !== 'function') throw new TypeError('on() needs a handler function')
    if (schema !== undefined && !isStandardSchema(schema)) {
      throw new TypeError(
        'on(type, schema, handler): the schema must be a Standard Schema (zod, valibot, ...)',
      )
    }
    this.#registry.add(type, schema, run, withSchema ? options : (handlerOrOptions as HandlerOptions))
    return this
  }

  /**
   * Decides what to answer to one request, and hands the delivery on. In order: size and signature
   * (the provider), duplicate fast path, parse, protocol replies, route, id, validation, claim, handoff.
   * Never throws: every failure is an `Outcome` (a 4xx the sender should not retry, a 5xx it should).
   */
  async receive(request: RawRequest, options?: ReceiveOptions): Promise<Outcome> {
    const started = performance.now()
    const o = this.#o
    let event: WebhookEvent | undefined
    let outcome: Outcome
    let error: unknown
    this.#receiving++
    try {
      if (this.#closing) {
        outcome = rejectionOutcome('shutting_down', 'the receiver is shutting down; retry later', retryLater)
      } else if (request.method !== undefined && request.method.toUpperCase() !== 'POST') {
        outcome = rejectionOutcome('method_not_allowed', 'webhooks are POSTed', { allow: 'POST' })
      } else {
        const verified = await o.provider.verify(request)
        // A duplicate whose id is in a header is answered before the body is even parsed.
        let hash: string | undefined
        let known: ClaimStatus | undefined
        if (verified.id !== undefined && o.store.peek) {
          const hashed = payloadHash(verified.raw)
          hash = typeof hashed === 'string' ? hashed : await hashed
          known = o.store.peek(this.#keyOf(verified.id), hash)
        }
        if (known !== undefined) {
          outcome = this.#answerKnown(known, verified.id, undefined)
        } else {
          event = o.provider.parse(verified)
          outcome = await this.#accept(event, hash, options)
        }
      }
    } catch (caught) {
      error = caught
      outcome = failure(caught, event)
      this.#logFailure(outcome, caught)
    }
    if (--this.#receiving === 0 && this.#onReceivesSettled) {
      this.#onReceivesSettled()
      this.#onReceivesSettled = undefined
    }
    const durationMs = performance.now() - started
    if (outcome.status < 400) callHook(o.hooks, 'onReceived', { outcome, durationMs }, o.logger)
    else callHook(o.hooks, 'onRejected', { outcome, error, durationMs }, o.logger)
    return outcome
  }

  /**
   * Starts consuming the queue in this process. Needed for a durable queue, in the processes that should
   * run handlers; an in-process queue is consumed from the start. Calling it again returns the same worker
   * while it runs, and starts a new one after it stopped or failed.
   */
  work(): Worker {
    if (this.#closing) throw new Error('the receiver is closed')
    return this.#worker.start()
  }

  /** Whether this process's worker runs: `ok` is false once it failed (see `Worker.done`). */
  health(): ReceiverHealth {
    return this.#worker.health()
  }

  /**
   * Shuts down: new deliveries get 503 `shutting_down` (the sender retries), those already being received
   * finish, the queue stops handing out jobs (the memory queue still runs the ones waiting), running
   * handlers may finish within `timeout`
   * (default `'10s'`), then every `ctx.signal` aborts. Resolves when drained or timed out; calling it
   * again returns the same promise.
   */
  close(options: { timeout?: Duration } = {}): Promise<void> {
    this.#closing ??= this.#shutDown(toMs(options.timeout ?? '10s', 'timeout'))
    return this.#closing
  }

  async #shutDown(timeout: number): Promise<void> {
    // Deliveries already past the closing check finish first, so none is queued after consuming stopped.
    const running = this.#receivesSettled().then(() => this.#stopConsuming())
    let timer: ReturnType<typeof setTimeout> | undefined
    const timedOut = new Promise<true>((resolve) => {
      timer = setTimeout(() => resolve(true), timeout)
    })
    if (await Promise.race([running.then(() => false), timedOut])) {
      this.#o.logger.warn(
        { timeoutMs: timeout },
        'close() timed out with handlers running; aborting their signal',
      )
    }
    clearTimeout(timer)
    this.#handlerAbort.abort(new Error('the receiver closed'))
  }

  #receivesSettled(): Promise<void> {
    if (this.#receiving === 0) return Promise.resolve()
    return new Promise((resolve) => {
      this.#onReceivesSettled = resolve
    })
  }

  #stopConsuming(): Promise<void> {
    return this.#worker.stop()
  }

  readonly #runAttempt = async (job: Job) => {
    try {
      return await this.#dispatcher.attempt(job)
    } finally {
      this.#attempted.get(job)?.()
      this.#attempted.delete(job)
    }
  }

  /** Everything after parsing: the event is verified and not a known duplicate. */
  async #accept(
    event: WebhookEvent,
    hash: string | undefined,
    options: ReceiveOptions | undefined,
  ): Promise<Outcome> {
    const o = this.#o
    const reply = o.provider.reply?.(event)
    if (reply !== undefined) return challenge(reply, event)
    const route = this.#registry.route(event.type)
    const unknownType = route.handlers.length === 0
    if (unknownType && !o.deadLetterUnknown) {
      this.#ignored.report(event)
      return success('ignored', event.id, event)
    }
    const id = event.id ?? o.key?.(event)
    if (!id) {
      const outcome = rejectionOutcome(
        'missing_id',
        'the delivery carries no id to dedup on; configure the receiver with a key function',
      )
      outcome.event = event
      return outcome
    }
    // An invalid payload in dead-letter mode is handed off anyway: the dispatcher parks it at once.
    // Awaited only when there is a schema: no promise, no microtask turn for routes without one.
    const issues = unknownType || route.schemas.length === 0 ? undefined : await this.#validate(event, route)
    if (issues !== undefined && !o.deadLetterInvalid) {
      const outcome = rejectionOutcome(
        'invalid_payload',
        'the payload does not match the schema',
        {},
        { issues },
      )
      outcome.event = event
      return outcome
    }
    const hashed = hash ?? payloadHash(event.raw)
    const claim: ClaimOptions = {
      payloadHash: typeof hashed === 'string' ? hashed : await hashed,
      lease: o.lease,
      dedupWindow: o.dedupWindow,
    }
    const key = this.#keyOf(id)
    // `return await`: returning the promise itself would cost two more microtask turns to adopt it.
    if (o.ackWhenHandled && issues === undefined && !unknownType)
      return await this.#handleNow(event, id, key, claim)
    return await this.#handOff(event, id, key, claim, options)
  }

  /** Runs every schema of the route once; keeps the outputs for the dispatcher, or returns the issues. */
  async #validate(event: WebhookEvent, route: Route): Promise<PayloadIssue[] | undefined> {
    const outputs = new Map<PayloadSchema, unknown>()
    let issues: PayloadIssue[] | undefined
    for (const schema of route.schemas) {
      const result = await validatePayload(schema, event.payload)
      if (result.ok) outputs.set(schema, result.value)
      else issues = issues ? issues.concat(result.issues) : result.issues
    }
    if (issues === undefined) this.#dispatcher.validated.set(event, outputs)
    return issues
  }

  /** ack: 'queued': claim, queue, answer 202; the dispatcher takes it from there. */
  async #handOff(
    event: WebhookEvent,
    id: string,
    key: string,
    claim: ClaimOptions,
    options: ReceiveOptions | undefined,
  ): Promise<Outcome> {
    const o = this.#o
    const job: Job = {
      key,
      token: UNCLAIMED,
      event,
      attempt: 1,
      succeeded: noneSucceeded,
      receivedAt: Date.now(),
    }
    // Watched before it is queued: an in-process queue may finish the attempt before enqueue resolves.
    const unwatch = options?.waitUntil ? this.#watchFirstAttempt(job, options.waitUntil) : undefined
    let status: ClaimStatus = 'in_progress'
    try {
      status = await this.#claimAndEnqueue(job, claim)
    } catch (error) {
      if (!o.acceptOnStoreFailure) throw error
      o.logger.warn(
        { deliveryId: id, err: error },
        'store failed; accepting unclaimed (storeFailure: accept)',
      )
      await this.#bounded(o.queue, () => o.queue.enqueue(job))
      status = 'claimed'
    } finally {
      if (status !== 'claimed') unwatch?.()
    }
    if (status !== 'claimed') return this.#answerKnown(status, id, event)
    return success('accepted', id, event)
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
    if (this.#o.queue.durable || !this.#worker.running) return undefined
    let settle!: () => void
    waitUntil(new Promise<void>((resolve) => (settle = resolve)))
    this.#attempted.set(job, settle)
    return () => {
      this.#attempted.delete(job)
      settle()
    }
  }

  /** One atomic step where the queue offers it (Redis), else claim then enqueue, releasing on failure. */
  async #claimAndEnqueue(job: Job, claim: ClaimOptions): Promise<ClaimStatus> {
    const { store, queue, logger } = this.#o
    const { claimAndEnqueue } = queue
    if (claimAndEnqueue)
      return (await this.#bounded(queue, () => claimAndEnqueue.call(queue, job.key, claim, job))).status
    // Awaited only when the store or queue answers with a promise: in-process ones answer at once.
    const claiming = this.#bounded(store, () => store.claim(job.key, claim))
    const result = claiming instanceof Promise ? await claiming : claiming
    if (result.status !== 'claimed') return result.status
    job.token = result.token
    job.fence = result.fence
    try {
      const enqueued = this.#bounded(queue, () => queue.enqueue(job))
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

  /** ack: 'handled': claim, run the handlers now, answer with their result. */
  async #handleNow(event: WebhookEvent, id: string, key: string, claim: ClaimOptions): Promise<Outcome> {
    const o = this.#o
    let token = UNCLAIMED
    let fence: number | undefined
    try {
      const result = await this.#bounded(o.store, () => o.store.claim(key, claim))
      if (result.status !== 'claimed') return this.#answerKnown(result.status, id, event)
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
    }
    const failed = await this.#dispatcher.runNow(job)
    if (failed !== undefined) throw new HandlerFailedError('a handler failed', { cause: failed.error })
    return success('handled', id, event)
  }

  #answerKnown(status: ClaimStatus, id: string | undefined, event: WebhookEvent | undefined): Outcome {
    if (status === 'conflict') {
      const outcome = rejectionOutcome(
        'id_conflict',
        'this id was already received with a different payload; it is not processed again',
      )
      if (event !== undefined) outcome.event = event
      return outcome
    }
    if (status === 'in_progress' && this.#o.ackWhenHandled) {
      const outcome = rejectionOutcome(
        'in_progress',
        'this id is being processed right now; retry later',
        retryLater,
      )
      if (event !== undefined) outcome.event = event
      return outcome
    }
    return success('duplicate', id, event)
  }

  /**
   * The namespaced dedup key as one flat string. `+` would make a rope (the namespace and the id joined by
   * a third object), and the memory store keeps this key for every remembered id: 16 bytes more each.
   */
  #keyOf(id: string): string {
    return [this.#o.keyNamespace, id].join('')
  }

  /**
   * A call of `of` (the store or the queue) that fails as `StoreUnavailableError` when it throws, rejects,
   * or does not answer in time. One bound decides: the `timeout` that `of` declares and enforces itself
   * (the Redis store and queue do), with no timer here; else `storeTimeout`. A synchronous answer (an
   * in-process store or queue) cannot hang: no timer for it.
   */
  #bounded<T>(of: { readonly timeout?: number }, call: () => MaybePromise<T>): MaybePromise<T> {
    let work: MaybePromise<T>
    try {
      work = call()
    } catch (error) {
      throw asStoreUnavailable(error)
    }
    if (!(work instanceof Promise)) return work
    if (of.timeout !== undefined)
      return work.catch((error: unknown) => {
        throw asStoreUnavailable(error)
      })
    const ms = this.#o.storeTimeout
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new StoreUnavailableError(`no answer within ${ms} ms`)), ms)
      work.then(
        (value) => {
          clearTimeout(timer)
          resolve(value)
        },
        (error: unknown) => {
          clearTimeout(timer)
          reject(asStoreUnavailable(error))
        },
      )
    })
  }

  #logFailure(outcome: Outcome, error: unknown): void {
    if (outcome.code === 'internal_error')
      this.#o.logger.error({ err: error }, 'receive() failed unexpectedly')
    else if (outcome.code === 'store_unavailable')
      this.#o.logger.warn({ err: error }, 'the store did not answer')
  }
}

/**
 * Creates the receiver for one provider. Register handlers with `on()`, mount `receive()` through an
 * adapter (or call it yourself), and `close()` it on shutdown.
 */
export function createReceiver(options: ReceiverOptions): Receiver {
  return new Receiver(options)
}

/**
 * Warns once per receiver, at the first handler registered without an id: on a durable queue a retry may
 * run after a deploy, and an id made of the registration order then names another handler.
 */
function onceWarner(logger: Logger): (id: string) => void {
  let warned = false
  return (id) => {
    if (warned) return
    warned = true
    logger.warn(
      { handlerId: id },
      'a handler has no id and no function name: its id is its registration order, so a retry after a deploy that adds, removes or reorders on() calls may skip or rerun the wrong handler; pass on(type, handler, { id })',
    )
  }
}

/** What a failed store or queue call becomes: `StoreUnavailableError` (a 503 the sender retries). */
function asStoreUnavailable(error: unknown): StoreUnavailableError {
  return error instanceof StoreUnavailableError
    ? error
    : new StoreUnavailableError(messageOf(error), { cause: error })
}
