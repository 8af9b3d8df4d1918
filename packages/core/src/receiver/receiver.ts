import { Dispatcher } from '../dispatch/dispatcher.js'
import type { Duration } from '../duration.js'
import { refuseUnsupportedOrdering } from '../handlers/ordering.js'
import {
  type DeadLetterHandler,
  type HandlerOptions,
  HandlerRegistry,
  type WebhookHandler,
} from '../handlers/registry.js'
import { callHook, type Logger } from '../observe/hooks.js'
import type { ObservedReceiver, Observer } from '../observe/instrumentation.js'
import type { Outcome, ReceiveOptions, WebhookEndpoint } from '../outcome/outcome.js'
import type { RawRequest } from '../request.js'
import { type InferPayload, isStandardSchema, type PayloadSchema } from '../schema/standard-schema.js'
import { ClaimAndHandOff } from './claim-and-hand-off.js'
import { type DeadLetters, deadLettersOf } from './dead-letters.js'
import { IgnoredTypes } from './ignored.js'
import { Lifecycle } from './lifecycle.js'
import { Observers } from './observers.js'
import { type ReceiverOptions, resolveOptions } from './options.js'
import { Receive } from './receive.js'
import { type ReceiverHealth, type Worker, WorkerRunner } from './worker.js'

/**
 * Receives one provider's webhooks: verifies, dedups, validates, hands off, and runs the handlers
 * registered with `on()`. See `createReceiver`. The stages are its parts: `Receive` (the request
 * pipeline), `ClaimAndHandOff`, the `Dispatcher` (handlers, retries, dead letters), and the `Lifecycle`.
 */
export class Receiver implements WebhookEndpoint {
  /** Handle each as it comes (`handle`), list, replay and purge them. */
  readonly deadLetters: DeadLetters
  /** Adapters stop reading bodies past this: the provider's limit. */
  readonly maxBodyBytes: number
  readonly #registry: HandlerRegistry
  /** Refuses ordering options this receiver's store or ack cannot honour. */
  readonly #refuseOrdering: (given: HandlerOptions, where: string) => void
  readonly #lifecycle: Lifecycle
  readonly #receive: Receive
  readonly #worker: WorkerRunner
  #consumesInProcess: boolean
  readonly #observers: Observers
  readonly #observed: ObservedReceiver

  constructor(options: ReceiverOptions) {
    const resolved = resolveOptions(options)
    const observers = new Observers(resolved.hooks, resolved.logger)
    // Every stage calls the observers' hooks: the receiver's own, then those `observe()` adds.
    const o = { ...resolved, hooks: observers.hooks }
    this.#observers = observers
    this.#observed = {
      providerName: o.provider.name,
      keyNamespace: o.keyNamespace,
      queue: o.queue,
      store: o.store,
      logger: o.logger,
    }
    const registry = new HandlerRegistry(o.queue.durable ? onceWarner(o.logger) : undefined, o.ordering)
    const deadLetterHandlers: DeadLetterHandler[] = []
    const lifecycle = new Lifecycle(o.logger)
    const dispatcher = new Dispatcher({
      registry,
      store: o.store,
      retry: o.retry,
      lease: o.lease,
      dedupWindow: o.dedupWindow,
      keyNamespace: o.keyNamespace,
      claimsInProcess: !o.queue.durable,
      unknownType: o.deadLetterUnknown ? 'dead-letter' : 'ignore',
      deadLetterHandlers,
      hooks: o.hooks,
      logger: o.logger,
      signal: () => lifecycle.handlerSignal,
    })
    const handoff = new ClaimAndHandOff(o, dispatcher, () => this.#worker.running, observers)
    const { queue } = o
    this.maxBodyBytes = o.provider.maxBodyBytes
    this.deadLetters = deadLettersOf(queue, deadLetterHandlers)
    this.#registry = registry
    this.#refuseOrdering = (given, where) =>
      refuseUnsupportedOrdering(o.store, o.ackWhenHandled, given, where)
    this.#lifecycle = lifecycle
    this.#receive = new Receive(
      o,
      registry,
      new IgnoredTypes(registry, o.hooks, o.logger),
      handoff,
      lifecycle,
      observers,
    )
    this.#worker = new WorkerRunner(
      (signal) => queue.consume(handoff.runAttempt, { concurrency: o.concurrency, signal }),
      (error) => {
        o.logger.error({ err: error }, 'the queue consumer failed; no handler runs here until work() again')
        callHook(o.hooks, 'onWorkerFailed', { error }, o.logger)
      },
    )
    // An in-process queue has no other consumer than this receiver, started by its first use (Workers
    // refuse the consumer's AbortController at module load, where apps make receivers); a durable one
    // waits for `work()`.
    this.#consumesInProcess = !queue.durable
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
    const given = withSchema ? options : (handlerOrOptions as HandlerOptions | undefined)
    if (given?.orderKey !== undefined || given?.version !== undefined)
      this.#refuseOrdering(given, `on(${JSON.stringify(type)})`)
    this.#registry.add(type, schema, run, given)
    return this
  }

  /**
   * Decides what to answer to one request, and hands the delivery on. In order: size and signature
   * (the provider), duplicate fast path, parse, protocol replies, route, id, validation, claim, handoff.
   * Never throws: every failure is an `Outcome` (a 4xx the sender should not retry, a 5xx it should).
   */
  receive(request: RawRequest, options?: ReceiveOptions): Promise<Outcome> {
    this.#startInProcess()
    return this.#receive.receive(request, options)
  }

  /**
   * Starts consuming the queue in this process. Needed for a durable queue, in the processes that should
   * run handlers; an in-process queue is consumed from the receiver's first use. Calling it again returns the same worker
   * while it runs, and starts a new one after it stopped or failed.
   */
  work(): Worker {
    if (this.#lifecycle.closing) throw new Error('the receiver is closed')
    this.#consumesInProcess = false
    return this.#worker.start()
  }

  /** The in-process queue's consumer, the first time the receiver is used. */
  #startInProcess(): void {
    if (this.#consumesInProcess && !this.#lifecycle.closing) this.work()
  }

  /**
   * Adds an observer (hooks, called after the receiver's own `hooks`, and instrumentation wrappers) made
   * from the parts of the receiver it may read: how `instrument()` of `@hookgate/otel` attaches. Returns
   * the function that removes it.
   */
  observe(make: (receiver: ObservedReceiver) => Observer): () => void {
    return this.#observers.add(make(this.#observed))
  }

  /** Whether this process's worker runs: `ok` is false once it failed (see `Worker.done`). */
  health(): ReceiverHealth {
    this.#startInProcess()
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
    return this.#lifecycle.close(options.timeout, () => this.#worker.stop())
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
