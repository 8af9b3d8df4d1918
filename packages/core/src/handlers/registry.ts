import type { WebhookEvent } from '../event.js'
import type { Logger } from '../observe/hooks.js'
import type { PayloadSchema } from '../schema/standard-schema.js'
import { type Ordering, type OrderingOptions, resolveOrdering, sameOrdering } from './ordering.js'

/** What a handler gets besides the event. */
export interface HandlerContext {
  /** The attempt running, from 1 (always 1 with ack: 'handled', where the sender retries). */
  attempt: number
  /** The delivery's dedup id: the provider's id, or what the `key` option returned. */
  deliveryId: string
  /**
   * This attempt's fencing number: greater than that of every earlier holder of the delivery's claim, so a
   * downstream write conditioned on it (`... WHERE fence <= $fence`) refuses a holder that froze past its
   * lease and woke up after another worker took the job over. Undefined when the attempt holds no claim: a
   * replayed dead letter, or a delivery accepted unclaimed (`storeFailure: 'accept'`). Under an `orderKey`,
   * it is the order key's fence: greater also than that of every earlier holder of the key.
   */
  fence: number | undefined
  /**
   * Aborts when `close()` gives up waiting, or when this attempt lost its claim to another worker (the
   * reason is then a `ClaimLostError`) or its order key to another attempt (an `OrderKeyLostError`): stop
   * work that a retry, or the new holder, redoes.
   */
  signal: AbortSignal
  /** The receiver's logger, bound to this delivery when it has `child` (pino). */
  log: Logger
}

/** The `event.type` a handler sees: the registered name, or any name for `'*'`. */
export type HandledType<T extends string> = T extends '*' ? string : T

export type WebhookHandler<TPayload = unknown, TType extends string = string> = (
  event: WebhookEvent<TPayload, HandledType<TType>>,
  ctx: HandlerContext,
) => unknown

/** Given to `receiver.deadLetters.handle()`: awaited with each dead-lettered event and its last error. */
export type DeadLetterHandler = (event: WebhookEvent, error: unknown) => unknown

/** `orderKey` and `version` (see `OrderingOptions`) fall back to the receiver's `ordering`. */
export interface HandlerOptions extends OrderingOptions {
  /**
   * What `Job.succeeded` records for this handler, so a retry after a deploy that adds, removes or
   * reorders handlers skips exactly the ones that succeeded. Unique among the handlers of each type
   * (including those of `'*'`).
   * @default the function's name, when it has one no other handler of its types has; else
   * `'<types>#<n>'` by registration order, which only holds while the order does not change
   */
  id?: string
}

export interface RegisteredHandler {
  /** Stable across deploys when given (or taken from the function's name); see `HandlerOptions.id`. */
  id: string
  schema: PayloadSchema | undefined
  run: WebhookHandler<never, string>
  /** What the deliveries it handles are ordered by, if anything. */
  ordering: Ordering | undefined
}

/** The handlers for one event type (its own, then `'*'`), and the distinct schemas they bring. */
export interface Route {
  handlers: readonly RegisteredHandler[]
  schemas: readonly PayloadSchema[]
  /** The ordering its handlers share: a delivery runs all of them under one order key. */
  ordering: Ordering | undefined
}

const noRoute: Route = { handlers: [], schemas: [], ordering: undefined }

/** Who handles which type. Routes are computed once per type and cached until the next registration. */
export class HandlerRegistry {
  readonly #byType = new Map<string, RegisteredHandler[]>()
  readonly #perPattern = new Map<string, number>()
  readonly #routes = new Map<string, Route>()
  #types: readonly string[] | undefined
  /** Told of each handler whose id is its registration order: a deploy that reorders breaks it. */
  readonly #onPositionalId: (id: string) => void
  /** The receiver's `ordering`, which every handler's own options fall back to. */
  readonly #ordering: Ordering | undefined

  constructor(onPositionalId: (id: string) => void = () => {}, ordering?: Ordering) {
    this.#onPositionalId = onPositionalId
    this.#ordering = ordering
  }

  add(
    types: string | readonly string[],
    schema: PayloadSchema | undefined,
    run: RegisteredHandler['run'],
    options: HandlerOptions = {},
  ): void {
    const list = [...new Set(typeof types === 'string' ? [types] : types)]
    if (list.length === 0) throw new TypeError('on() needs at least one event type')
    const pattern = list.join(',')
    const ordering = resolveOrdering(options, this.#ordering, `on(${JSON.stringify(pattern)})`)
    this.#refuseMixedOrdering(list, pattern, ordering)
    const index = this.#perPattern.get(pattern) ?? 0
    this.#perPattern.set(pattern, index + 1)
    const id = this.#idFor(list, pattern, index, run, options.id)
    const handler: RegisteredHandler = { id, schema, run, ordering }
    for (const type of list) {
      const existing = this.#byType.get(type)
      if (existing) existing.push(handler)
      else this.#byType.set(type, [handler])
    }
    this.#routes.clear()
    this.#types = undefined
  }

  /** The types handlers are registered for (`'*'` included), in registration order. */
  types(): readonly string[] {
    this.#types ??= Object.freeze([...this.#byType.keys()])
    return this.#types
  }

  #idFor(
    types: readonly string[],
    pattern: string,
    index: number,
    run: RegisteredHandler['run'],
    explicit: string | undefined,
  ): string {
    if (explicit !== undefined) {
      if (typeof explicit !== 'string' || explicit === '') {
        throw new TypeError(`on(${JSON.stringify(pattern)}): the id option must be a non-empty string`)
      }
      const clash = this.#clash(types, explicit)
      if (clash !== undefined) {
        throw new TypeError(
          `on(${JSON.stringify(pattern)}): a handler with id "${explicit}" is already registered for "${clash}"; give each handler of a type its own id`,
        )
      }
      return explicit
    }
    if (run.name !== '' && this.#clash(types, run.name) === undefined) return run.name
    const positional = `${pattern}#${index}`
    this.#onPositionalId(positional)
    return positional
  }

  /**
   * One delivery runs all its route's handlers in one attempt, so under one order key: the ordered handlers
   * of a route must give the same functions (define them once, or as the receiver's `ordering`).
   */
  #refuseMixedOrdering(types: readonly string[], pattern: string, ordering: Ordering | undefined): void {
    if (ordering === undefined) return
    const routes = types.includes('*') ? [...this.#byType.keys()] : types
    for (const type of routes) {
      const other = this.#route(type).find((h) => h.ordering && !sameOrdering(h.ordering, ordering))
      if (other) {
        throw new TypeError(
          `on(${JSON.stringify(pattern)}): handler "${other.id}" of "${type}" is ordered by other orderKey or version functions; the handlers of one type must share them (pass the same functions, or set the receiver's ordering option)`,
        )
      }
    }
  }

  /** A type among `types` whose route (its own handlers and those of `'*'`) already has this id. */
  #clash(types: readonly string[], id: string): string | undefined {
    const wildcard = this.#byType.get('*') ?? []
    for (const type of types) {
      // A '*' handler joins every type's route, so its id must be unique among all of them.
      const seen =
        type === '*' ? [...this.#byType.values()].flat() : [...(this.#byType.get(type) ?? []), ...wildcard]
      if (seen.some((handler) => handler.id === id)) return type
    }
    return undefined
  }

  route(type: string): Route {
    let route = this.#routes.get(type)
    if (route === undefined) {
      route = this.#build(type)
      this.#routes.set(type, route)
    }
    return route
  }

  #build(type: string): Route {
    const handlers = this.#route(type)
    if (handlers.length === 0) return noRoute
    const schemas = new Set<PayloadSchema>()
    for (const handler of handlers) if (handler.schema) schemas.add(handler.schema)
    const ordering = handlers.find((handler) => handler.ordering)?.ordering
    return { handlers, schemas: [...schemas], ordering }
  }

  /** The handlers of a type: its own, then those of `'*'`. */
  #route(type: string): RegisteredHandler[] {
    const own = type === '*' ? [] : (this.#byType.get(type) ?? [])
    return [...own, ...(this.#byType.get('*') ?? [])]
  }
}
