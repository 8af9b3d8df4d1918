import type { HandoffQueue } from '../dispatch/queue.js'
import type { Duration } from '../duration.js'
import type { IdempotencyStore } from '../store/store.js'

/**
 * `storeTimeout` bounds only the calls of a store or queue that declares no `timeout` of its own (those
 * that do enforce it themselves: the receiver sets no timer around them). Given while both declare one, it
 * would bound nothing: refused, rather than left to look as if it decided.
 */
export function refuseUnusedStoreTimeout(options: {
  storeTimeout?: Duration | undefined
  store?: IdempotencyStore | undefined
  queue?: HandoffQueue | undefined
}): void {
  const { storeTimeout, store, queue } = options
  if (storeTimeout === undefined || store?.timeout === undefined || queue?.timeout === undefined) return
  throw new TypeError(
    `storeTimeout would bound nothing: the store and the queue bound their own calls (within ${store.timeout} ` +
      `and ${queue.timeout} ms); leave storeTimeout out and set their timeout instead, e.g. redis({ timeout })`,
  )
}
