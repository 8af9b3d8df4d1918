import type { WebhookEvent } from '../event.js'
import type { PayloadSchema } from '../schema/standard-schema.js'
import type { Logger } from './hooks.js'

/** What a handler gets besides the event. */
export interface HandlerContext {
  /** The attempt running, from 1 (always 1 with ack: 'after-handler', where the sender retries). */
  attempt: number
  /** The id the delivery is deduplicated on: the provider's id, or what the `key` option returned. */
  deliveryId: string
  /** Aborts when `close()` gives up waiting: stop work that a retry can redo. */
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

/** Called with each dead-lettered event and the error of its last attempt. */
export type DeadLetterHandler = (event: WebhookEvent, error: unknown) => unknown

export interface RegisteredHandler {
  /**
   * Stable across processes and restarts as long as handlers are registered in the same order: what
   * `Job.succeeded` records. `'invoice.paid#0'`, `'customer.created,customer.updated#0'`, `'*#1'`.
   */
  id: string
  schema: PayloadSchema | undefined
  run: WebhookHandler<never, string>
}

/** The handlers for one event type (its own, then `'*'`), and the distinct schemas they bring. */
export interface Route {
  handlers: readonly RegisteredHandler[]
  schemas: readonly PayloadSchema[]
}

const noRoute: Route = { handlers: [], schemas: [] }

/** Who handles which type. Routes are computed once per type and cached until the next registration. */
export class HandlerRegistry {
  readonly #byType = new Map<string, RegisteredHandler[]>()
  readonly #perPattern = new Map<string, number>()
  readonly #routes = new Map<string, Route>()

  add(
    types: string | readonly string[],
    schema: PayloadSchema | undefined,
    run: RegisteredHandler['run'],
  ): void {
    const list = typeof types === 'string' ? [types] : types
    if (list.length === 0) throw new TypeError('on() needs at least one event type')
    const pattern = list.join(',')
    const index = this.#perPattern.get(pattern) ?? 0
    this.#perPattern.set(pattern, index + 1)
    const handler: RegisteredHandler = { id: `${pattern}#${index}`, schema, run }
    for (const type of new Set(list)) {
      const existing = this.#byType.get(type)
      if (existing) existing.push(handler)
      else this.#byType.set(type, [handler])
    }
    this.#routes.clear()
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
    const own = type === '*' ? [] : (this.#byType.get(type) ?? [])
    const handlers = [...own, ...(this.#byType.get('*') ?? [])]
    if (handlers.length === 0) return noRoute
    const schemas = new Set<PayloadSchema>()
    for (const handler of handlers) if (handler.schema) schemas.add(handler.schema)
    return { handlers, schemas: [...schemas] }
  }
}
