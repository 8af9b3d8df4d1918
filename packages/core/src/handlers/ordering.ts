import type { WebhookEvent } from '../event.js'
import type { IdempotencyStore } from '../store/store.js'

/**
 * The ordering helpers, given to `on(type, handler, { orderKey, version })` or, for every handler, as the
 * receiver's `ordering` option. Providers do not deliver in order: these make the events of one object
 * run one at a time, and keep an older state from overwriting a newer one. They order nothing globally.
 */
export interface OrderingOptions {
  /**
   * The key whose events never run at the same time, on any worker of the queue (e.g. the object's id,
   * `event.payload.data.object.id` for Stripe); events of different keys run in parallel. Undefined for
   * an event that needs no order. Called with the event as received (its payload before schema transforms).
   * An attempt whose key another attempt holds waits for it without counting as a failed attempt.
   * @default none: no per-key serialization
   */
  orderKey?: (event: WebhookEvent) => string | undefined
  /**
   * The version of the state an event carries (Stripe's `created`, an `updated_at` in ms, a sequence
   * number). An event whose version is not greater than the last one applied for its key is not handled:
   * it is `stale`, reported to `hooks.onStale`, and its id is completed. Equal counts as stale (the same
   * state again): give a version that grows with every change. Needs `orderKey`, under whose lease it is
   * checked.
   * @default none: no staleness guard
   */
  version?: (event: WebhookEvent) => number
}

/** Ordering options checked, with the receiver's filled in. */
export interface Ordering {
  orderKey: (event: WebhookEvent) => string | undefined
  version: ((event: WebhookEvent) => number) | undefined
}

/**
 * The ordering a handler runs under: its own options, each falling back to the receiver's. Undefined when
 * neither gives an `orderKey`. `where` names the call in errors (`on("invoice.paid")`, `createReceiver`).
 */
export function resolveOrdering(
  given: OrderingOptions | undefined,
  fallback: Ordering | undefined,
  where: string,
): Ordering | undefined {
  const orderKey = given?.orderKey ?? fallback?.orderKey
  const version = given?.version ?? fallback?.version
  if (orderKey !== undefined && typeof orderKey !== 'function')
    throw new TypeError(`${where}: orderKey must be a function of the event, got ${typeof orderKey}`)
  if (version !== undefined && typeof version !== 'function')
    throw new TypeError(`${where}: version must be a function of the event, got ${typeof version}`)
  if (orderKey === undefined) {
    if (version === undefined) return undefined
    // Checked without the key's lease, two versions could pass at once and the older be applied last.
    throw new TypeError(
      `${where}: version needs orderKey, the key whose last applied version it is checked against`,
    )
  }
  return { orderKey, version }
}

/** Whether two handlers order the same way: they must, to share a route (one lease per delivery). */
export const sameOrdering = (a: Ordering, b: Ordering) => a.orderKey === b.orderKey && a.version === b.version

/**
 * Ordering needs a store that keeps order keys, and a queue to wait in: refused early otherwise, naming
 * the option (`where` names the call) and the store.
 */
export function refuseUnsupportedOrdering(
  store: IdempotencyStore,
  ackWhenHandled: boolean,
  given: OrderingOptions,
  where: string,
): void {
  const option = given.orderKey !== undefined ? 'orderKey' : 'version'
  if (!store.holdOrder || !store.extendOrder || !store.releaseOrder) {
    const name =
      store.constructor?.name && store.constructor.name !== 'Object' ? ` (${store.constructor.name})` : ''
    throw new TypeError(
      `${where}: ${option} needs a store with holdOrder, extendOrder and releaseOrder, which the store given to createReceiver${name} lacks; memoryStore() and the @hookgate/redis store have them`,
    )
  }
  if (ackWhenHandled)
    throw new TypeError(
      `${where}: ${option} needs ack: 'queued': a delivery whose key is held waits in the queue, which ack: 'handled' has none of`,
    )
}
