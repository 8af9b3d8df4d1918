import type { MaybePromise } from '../maybe-promise.js'

/**
 * The idempotency store: one atomic decision per delivery id. The memory store (default) and the Redis
 * store implement it; `@hookgate/core/testing` holds the contract suite any implementation must pass.
 *
 * Two clocks, on purpose:
 * - `lease`: how long a claim may stay in progress before another worker may take it over (a crashed
 *   worker must not block an id forever);
 * - `dedupWindow`: how long a completed id is remembered (must cover the sender's retries).
 */
export interface ClaimOptions {
  /** A hash of the raw body: the same id with another payload is a conflict, never a silent duplicate. */
  payloadHash: string
  /** Milliseconds the claim is held in progress before it may be taken over. */
  lease: number
  /** Milliseconds a completed id is remembered: the receiver's `dedupWindow`. */
  dedupWindow: number
}

export type ClaimResult =
  /**
   * Absent, expired, or in progress with a lapsed lease (or, from `acquire`, in progress under the same
   * claim): the caller now holds it. `token` proves it to `complete`, `extend` and `release`; `fence` is
   * the holder's fencing number, greater than that of every earlier holder of this id.
   */
  | { status: 'claimed'; token: string; fence: number }
  /** Another holder's lease is still running (from `acquire`: another claim of the id holds it). */
  | { status: 'in_progress' }
  /** Completed within the dedup window. */
  | { status: 'done' }
  /** Known with a different payload hash (whatever its state). */
  | { status: 'conflict' }

export type ClaimStatus = ClaimResult['status']

/** What `holdOrder` answers. */
export type OrderHold =
  /**
   * The caller now holds the order key: `token` proves it to `extendOrder` and `releaseOrder`, `fence` is
   * drawn from the same counter as the claims' fences (greater than every fence handed out before), and
   * `version` is the last version applied for the key (undefined when none was, or it was forgotten).
   */
  | { status: 'held'; token: string; fence: number; version: number | undefined }
  /** Another holder's lease on the key is still running. */
  | { status: 'busy' }

/**
 * Every method may answer synchronously: an in-process store does, which spares the receiver a promise and
 * a microtask turn per delivery. Remote stores return promises. A synchronous throw and a rejection mean the
 * same: the store could not answer.
 *
 * Holders and fences: a claim has one holder at a time, the last caller handed a token for it by `claim` or
 * `acquire`. Every holder also gets a fencing number that is greater than those of all earlier holders of
 * the id (however long ago, across releases and expiry), so a write made downstream with it can refuse an
 * older holder that woke up late. Only the current holder's token completes, renews or releases the claim.
 */
export interface IdempotencyStore {
  /**
   * Milliseconds within which every call of this store settles, failing with `StoreUnavailableError` once
   * it is up: a store that declares it enforces it itself (the Redis store: `redis({ timeout })`), and the
   * receiver then sets no timer of its own around its calls. Absent: the receiver bounds the calls it
   * makes by its `storeTimeout`. A store that declares it must keep it, or a hung call hangs the request.
   */
  readonly timeout?: number
  claim(key: string, options: ClaimOptions): MaybePromise<ClaimResult>
  /**
   * Makes the caller the holder of the claim that handed out `token` (the token a queued job carries), with
   * a new token and fence and a lease of `lease` ms, whatever the previous holder's lease: the queue has
   * already decided that this caller runs the job (a consumer group gives a stream entry to one worker at
   * a time), and the previous holder, alive or frozen, can no longer complete, renew or release it.
   * Answers `claimed` also when the record is gone (it expired while the job waited): it is claimed
   * again under the same claim, with `payloadHash` and `dedupWindow` as `claim` would. Answers `done` once
   * the id was completed (by any holder: nothing is left to do), `in_progress` when another claim of the id
   * holds it (this job's claim lapsed and a new delivery of the id claimed it: that delivery's own job runs
   * it), and `conflict` when the id is known with another payload.
   */
  acquire(key: string, token: string, options: ClaimOptions): MaybePromise<ClaimResult>
  /**
   * Marks the claim done and remembers it for `dedupWindow` ms. Compare-and-set on `token`: false when the
   * claim was taken over (by `acquire`, or by `claim` after its lease lapsed) and this caller no longer holds
   * it. A lapsed lease nobody took over is still held; completing twice with the same token is true both
   * times (a retried call).
   */
  complete(key: string, token: string, options: { dedupWindow: number }): MaybePromise<boolean>
  /**
   * Forgets an in-progress claim so a retry of the same id is processed. Compare-and-set on `token`; a
   * completed id is never forgotten this way (false).
   */
  release(key: string, token: string): MaybePromise<boolean>
  /**
   * Extends a held lease to `lease` ms from now (long handlers, retries waiting in a queue). Compare-and-set
   * on `token`: false once the claim was taken over, released or completed. Without it the dispatcher cannot
   * renew leases (nor notice a takeover before it completes), so `lease` must then cover a job's whole life.
   */
  extend?(key: string, token: string, options: { lease: number }): MaybePromise<boolean>
  /**
   * Records that `key` (a namespace of its own: never a claim's key) was seen at `at` (ms since the epoch),
   * for watchdogs shared by every instance on the store: `@hookgate/otel`'s silence watch keeps a sender's
   * last delivery here. With `lastSeen`; a store without them serves one process's watchdog only.
   */
  markSeen?(key: string, at: number): MaybePromise<void>
  /** What `markSeen` last recorded for `key`, or undefined when it never did. */
  lastSeen?(key: string): MaybePromise<number | undefined>
  /**
   * A fast path for stores that can answer without I/O (the memory store): what `claim` would answer for a
   * known id, or `undefined` when `claim` must decide (absent, expired, lapsed lease). The receiver asks it
   * before parsing so a duplicate costs almost nothing; `claim` stays the authority.
   */
  peek?(key: string, payloadHash: string): Exclude<ClaimStatus, 'claimed'> | undefined
  /**
   * Per-key ordering (the `orderKey` and `version` options need all three `...Order` methods; a store
   * without them is refused when those options are given). Takes the order key `key` (a namespace of its
   * own: never a claim's key) for `lease` ms, with a new token and fence, when nobody holds it or its
   * holder's lease lapsed; `busy` otherwise. The record is kept at least `retain` ms (the receiver's dedup
   * window), so a holder whose lease lapsed unused can still free it and record its version.
   */
  holdOrder?(key: string, options: { lease: number; retain: number }): MaybePromise<OrderHold>
  /** Renews a held order key to `lease` ms from now. Compare-and-set on `token`: false once taken over. */
  extendOrder?(key: string, token: string, options: { lease: number }): MaybePromise<boolean>
  /**
   * Frees the order key `token` holds (a lapsed lease nobody took over still counts as held), first
   * recording `version` as the key's last applied one when given and greater than the recorded one, in
   * the same atomic step. The version is remembered `retain` ms (the receiver's dedup window) after the
   * key's last release. False, recording nothing, when `token` no longer holds the key.
   */
  releaseOrder?(
    key: string,
    token: string,
    options: { version: number | undefined; retain: number },
  ): MaybePromise<boolean>
}
