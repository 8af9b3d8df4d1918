import { InvalidOrderingError, OrderKeyLostError } from '../errors.js'
import type { Ordering } from '../handlers/ordering.js'
import type { MaybePromise } from '../maybe-promise.js'
import { callHook, type Logger, type ReceiverHooks } from '../observe/hooks.js'
import { dedupKey } from '../store/dedup-key.js'
import type { IdempotencyStore, OrderHold } from '../store/store.js'
import type { RunningAttempt } from './claim-keeper.js'
import type { AttemptResult, Job } from './queue.js'

/** The shortest and the longest pause of a job waiting for its order key (the longest also under lease/4). */
export const orderWait = { minDelay: 20, maxDelay: 1_000 }

export interface OrderKeeperOptions {
  store: IdempotencyStore
  /** ms an order key is held without renewal: the receiver's `lease`. */
  lease: number
  /** ms the last applied version of a key is remembered after its last use: the receiver's `dedupWindow`. */
  dedupWindow: number
  /** What precedes an order key in the store, as it precedes the delivery ids. */
  keyNamespace: string
  hooks: ReceiverHooks
  logger: Logger
}

/** The order key an attempt holds: renewed on one timer until the attempt leaves it. */
export class HeldKey {
  /** Set once another attempt took the key over: this attempt's handlers ran beside that one's. */
  lost = false

  constructor(
    readonly running: RunningAttempt,
    readonly orderKey: string,
    readonly key: string,
    readonly token: string,
    readonly fence: number,
    readonly version: number | undefined,
  ) {}
}

/** What became of an attempt's turn at its order key. */
export type OrderTurn =
  | { status: 'unordered' }
  | { status: 'held'; held: HeldKey }
  | { status: 'busy' }
  | StaleTurn

/** The delivery's version is not greater than the last applied for its key: it is not handled. */
export interface StaleTurn {
  status: 'stale'
  orderKey: string
  version: number
  lastVersion: number
}

const unordered: OrderTurn = { status: 'unordered' }
const busy: OrderTurn = { status: 'busy' }

/**
 * The order keys of running attempts, for the dispatcher: takes the delivery's key (`store.holdOrder`: a
 * token and a fence of its own), checks its version against the last applied one under it, renews it while
 * the attempt runs, and frees it, recording the version once the handlers succeeded. A key lost to another
 * attempt (this one froze past the lease) aborts the attempt's signal with `OrderKeyLostError`.
 */
export class OrderKeeper {
  readonly #o: OrderKeeperOptions
  readonly #renewing = new Set<HeldKey>()
  #renewTimer: ReturnType<typeof setInterval> | undefined

  constructor(options: OrderKeeperOptions) {
    this.#o = options
  }

  /**
   * The attempt's turn under the route's ordering. Throws `InvalidOrderingError` when an option's function
   * fails (retrying cannot fix that), and what the store throws when it cannot answer.
   */
  take(running: RunningAttempt, ordering: Ordering | undefined): MaybePromise<OrderTurn> {
    if (ordering === undefined) return unordered
    const { event } = running.job
    const orderKey = evaluate(() => ordering.orderKey(event), 'orderKey')
    if (orderKey === undefined) return unordered
    if (typeof orderKey !== 'string' || orderKey === '')
      throw new InvalidOrderingError(`orderKey returned ${JSON.stringify(orderKey)}, not a non-empty string`)
    const version = ordering.version && evaluate(() => ordering.version!(event), 'version')
    if (version !== undefined && (typeof version !== 'number' || !Number.isFinite(version)))
      throw new InvalidOrderingError(`version returned ${String(version)}, not a finite number`)
    const key = dedupKey(this.#o.keyNamespace, event.tenant, orderKey)
    const { store, lease, dedupWindow } = this.#o
    const holding = store.holdOrder!(key, { lease, retain: dedupWindow })
    const turn = (hold: OrderHold) => this.#turn(running, orderKey, key, version, hold)
    return holding instanceof Promise ? holding.then(turn) : turn(holding)
  }

  /**
   * A job whose key is held waits: it runs again after a pause that grows with its wait, for up to two
   * leases (how long a crashed holder's key takes to lapse, twice over). Undefined past that: the
   * dispatcher then counts a failed attempt, and so for every later try that finds the key held.
   */
  wait(job: Job, succeeded: readonly string[], now = Date.now()): AttemptResult | undefined {
    job.waitingSince ??= now
    const waited = now - job.waitingSince
    if (waited > 2 * this.#o.lease) return undefined
    const longest = Math.min(orderWait.maxDelay, this.#o.lease / 4)
    const pause = Math.min(longest, Math.max(orderWait.minDelay, waited / 4))
    // Jittered, so jobs waiting for one key do not all ask again at once.
    return { status: 'wait', delay: pause * (0.5 + Math.random() / 2), succeeded }
  }

  /**
   * Frees the key, recording `version` (its handlers succeeded). False when the key was lost meanwhile
   * (reported): nothing was recorded. Throws when the store cannot answer.
   */
  async leave(held: HeldKey, version: number | undefined): Promise<boolean> {
    this.#renewing.delete(held)
    if (held.lost) return false
    const { store, dedupWindow } = this.#o
    const released = await store.releaseOrder!(held.key, held.token, { version, retain: dedupWindow })
    if (!released) this.#lose(held)
    return released
  }

  /** Frees the key, recording nothing; when the store cannot, the key lapses after its lease. */
  async leaveQuietly(held: HeldKey): Promise<void> {
    try {
      await this.leave(held, undefined)
    } catch (error) {
      this.#o.logger.warn(
        { deliveryId: held.running.deliveryId, orderKey: held.orderKey, err: error },
        'could not free the order key; it is free once its lease lapses',
      )
    }
  }

  reportStale(running: RunningAttempt, { orderKey, version, lastVersion }: StaleTurn): void {
    const { hooks, logger } = this.#o
    logger.info(
      { deliveryId: running.deliveryId, type: running.job.event.type, orderKey, version, lastVersion },
      'stale event: its key has a version applied already that is as new or newer; not handled',
    )
    if (hooks.onStale)
      callHook(hooks, 'onStale', { ...running.info(), orderKey, version, lastVersion }, logger)
  }

  async #turn(
    running: RunningAttempt,
    orderKey: string,
    key: string,
    version: number | undefined,
    hold: OrderHold,
  ): Promise<OrderTurn> {
    if (hold.status === 'busy') return busy
    const held = new HeldKey(running, orderKey, key, hold.token, hold.fence, version)
    const lastVersion = hold.version
    if (version !== undefined && lastVersion !== undefined && version <= lastVersion) {
      await this.leaveQuietly(held)
      return { status: 'stale', orderKey, version, lastVersion }
    }
    running.job.waitingSince = undefined
    this.#renewing.add(held)
    this.#renewTimer ??= this.#startRenewing()
    return { status: 'held', held }
  }

  #lose(held: HeldKey): void {
    if (held.lost) return
    held.lost = true
    this.#renewing.delete(held)
    held.running.abort(new OrderKeyLostError())
    this.#o.logger.warn(
      { deliveryId: held.running.deliveryId, orderKey: held.orderKey, fence: held.fence },
      'another attempt took the order key over; this attempt stops, waits for the key and runs again',
    )
  }

  /**
   * False only when the store says another attempt holds the key now: a store that cannot answer is no
   * proof of a takeover (leaving will tell).
   */
  async #extend(held: HeldKey): Promise<boolean> {
    try {
      return await this.#o.store.extendOrder!(held.key, held.token, { lease: this.#o.lease })
    } catch (error) {
      this.#o.logger.warn(
        { deliveryId: held.running.deliveryId, orderKey: held.orderKey, err: error },
        'could not renew the order key',
      )
      return true
    }
  }

  /** Every third of a lease, one timer for every held key; it stops at its first tick with none (unref). */
  #startRenewing(): ReturnType<typeof setInterval> {
    const timer = setInterval(() => {
      if (this.#renewing.size === 0) {
        clearInterval(timer)
        this.#renewTimer = undefined
      }
      for (const held of this.#renewing) {
        void this.#extend(held).then((kept) => {
          if (!kept && this.#renewing.has(held)) this.#lose(held)
        })
      }
    }, this.#o.lease / 3)
    ;(timer as { unref?: () => void }).unref?.()
    return timer
  }
}

/** Calls an ordering option's function: what it throws makes the delivery one it cannot order. */
function evaluate<T>(call: () => T, option: string): T {
  try {
    return call()
  } catch (error) {
    throw new InvalidOrderingError(`the ${option} function threw`, { cause: error })
  }
}
