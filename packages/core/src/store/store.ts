import type { MaybePromise } from '../maybe-promise.js'

/**
 * The idempotency store: one atomic decision per delivery id. The memory store (default) and the Redis
 * store implement it; `@hookgate/core/testing` holds the contract suite any implementation must pass.
 *
 * Two clocks, on purpose:
 * - `lease`: how long a claim may stay in progress before another worker may take it over (a crashed
 *   worker must not block an id forever);
 * - `ttl`: the dedup window, how long a completed id is remembered (must cover the sender's retries).
 */
export interface ClaimOptions {
  /** A hash of the raw body: the same id with another payload is a conflict, never a silent duplicate. */
  payloadHash: string
  /** Milliseconds the claim is held in progress before it may be taken over. */
  lease: number
  /** Milliseconds a completed id is remembered. */
  ttl: number
}

export type ClaimResult =
  /** Absent, expired, or in progress with a lapsed lease: the caller now holds it. */
  | { status: 'claimed'; token: string }
  /** Another holder's lease is still running. */
  | { status: 'in_progress' }
  /** Completed within the dedup window. */
  | { status: 'done' }
  /** Known with a different payload hash (whatever its state). */
  | { status: 'conflict' }

export type ClaimStatus = ClaimResult['status']

/**
 * `claim`, `complete` and `extend` may answer synchronously: an in-process store does, which spares the
 * receiver a promise and a microtask turn per delivery. Remote stores return promises.
 */
export interface IdempotencyStore {
  claim(key: string, options: ClaimOptions): MaybePromise<ClaimResult>
  /**
   * Marks the claim done and remembers it for `ttl` ms. Compare-and-set on `token`: false when the claim
   * was taken over (its lease lapsed) and this caller no longer holds it. A lapsed lease nobody took over
   * is still held; completing twice with the same token is true both times (a retried call).
   */
  complete(key: string, token: string, options: { ttl: number }): MaybePromise<boolean>
  /**
   * Forgets an in-progress claim so a retry of the same id is processed. Compare-and-set on `token`; a
   * completed id is never forgotten this way (false).
   */
  release(key: string, token: string): Promise<boolean>
  /**
   * Extends a held lease to `lease` ms from now (long handlers, retries waiting in a queue). Compare-and-set
   * on `token`: false once the claim was taken over, released or completed. Without it the dispatcher cannot
   * renew leases, so `lease` must then cover a job's whole life.
   */
  extend?(key: string, token: string, options: { lease: number }): MaybePromise<boolean>
  /**
   * A fast path for stores that can answer without I/O (the memory store): what `claim` would answer for a
   * known id, or `undefined` when `claim` must decide (absent, expired, lapsed lease). The receiver asks it
   * before parsing so a duplicate costs almost nothing; `claim` stays the authority.
   */
  peek?(key: string, payloadHash: string): Exclude<ClaimStatus, 'claimed'> | undefined
}

/** Thrown by a store (or queue) that could not answer: the receiver turns it into 503 `store_unavailable`. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError'
}
