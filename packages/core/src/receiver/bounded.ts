// Store timeouts: every store or queue call of `receive()` ends within a bound, as a 503 the sender retries.
import type { HandoffQueue } from '../dispatch/queue.js'
import type { Duration } from '../duration.js'
import { messageOf, StoreUnavailableError } from '../errors.js'
import type { MaybePromise } from '../maybe-promise.js'
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

/**
 * A call of `of` (the store or the queue) that fails as `StoreUnavailableError` when it throws, rejects,
 * or does not answer in time. One bound decides: the `timeout` that `of` declares and enforces itself
 * (the Redis store and queue do), with no timer here; else `storeTimeout` (ms). A synchronous answer (an
 * in-process store or queue) cannot hang: no timer for it.
 */
export function bounded<T>(
  of: { readonly timeout?: number },
  call: () => MaybePromise<T>,
  storeTimeout: number,
): MaybePromise<T> {
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
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new StoreUnavailableError(`no answer within ${storeTimeout} ms`)),
      storeTimeout,
    )
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

/** What a failed store or queue call becomes: `StoreUnavailableError` (a 503 the sender retries). */
function asStoreUnavailable(error: unknown): StoreUnavailableError {
  return error instanceof StoreUnavailableError
    ? error
    : new StoreUnavailableError(messageOf(error), { cause: error })
}
