import { ClaimLostError } from '../errors.js'
import type { MaybePromise } from '../maybe-promise.js'
import { type AttemptInfo, callHook, type Logger, type ReceiverHooks } from '../observe/hooks.js'
import { payloadHash } from '../store/payload-hash.js'
import type { ClaimResult, IdempotencyStore } from '../store/store.js'
import type { Job } from './queue.js'

/** The token of a job accepted without a claim (`storeFailure: 'accept'`): no store call is made for it. */
export const UNCLAIMED = ''

/**
 * Releases a claim, telling `report` when the store could not, whether it threw, rejected or answered at
 * once: `release` may be synchronous, like the rest of a store. Never rejects.
 */
export async function releaseOrReport(
  store: IdempotencyStore,
  key: string,
  token: string,
  report: (error: unknown) => void,
): Promise<void> {
  try {
    await store.release(key, token)
  } catch (error) {
    report(error)
  }
}

export interface ClaimKeeperOptions {
  store: IdempotencyStore
  /** ms a claim is held without renewal. */
  lease: number
  /** ms a completed id is remembered. */
  dedupWindow: number
  /** See `DispatcherOptions.claimsInProcess`. */
  claimsInProcess: boolean
  hooks: ReceiverHooks
  logger: Logger
  /** See `DispatcherOptions.signal`. */
  signal: () => AbortSignal
}

/** One attempt of a job from its start to its result: the claim it holds, and its handlers' signal. */
export class RunningAttempt {
  readonly job: Job
  readonly deliveryId: string
  /** `performance.now()` when the attempt started. */
  readonly started: number
  /** The holder's token this attempt proves the claim with, or `UNCLAIMED`. */
  readonly token: string
  readonly fence: number | undefined
  /** Set once another worker took the claim over: the attempt's result no longer counts. */
  lost = false
  /** Its handlers have settled: its signal no longer needs to hear about shutdown. */
  handled = false
  readonly #keeper: ClaimKeeper
  #controller: AbortController | undefined

  constructor(
    keeper: ClaimKeeper,
    job: Job,
    deliveryId: string,
    started: number,
    token: string,
    fence: number | undefined,
  ) {
    this.#keeper = keeper
    this.job = job
    this.deliveryId = deliveryId
    this.started = started
    this.token = token
    this.fence = fence
  }

  /** Made on first use: most handlers never read it, and an AbortSignal costs microseconds to create. */
  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController()
      this.#keeper.watch(this)
    }
    return this.#controller.signal
  }

  abort(reason: unknown): void {
    this.#controller ??= new AbortController()
    this.#controller.abort(reason)
  }

  info(): AttemptInfo {
    return {
      event: this.job.event,
      deliveryId: this.deliveryId,
      attempt: this.job.attempt,
      durationMs: performance.now() - this.started,
      sinceReceivedMs: Date.now() - this.job.receivedAt,
    }
  }
}

/**
 * Holds the claims of running attempts for the dispatcher: takes the claim over at the start of an attempt
 * (`store.acquire`: a new token and fence, so whoever held it before is fenced out), renews the leases of
 * attempts whose handlers run on one timer, completes, and reports a claim lost to another worker: the
 * attempt's signal aborts, a warning is logged and `onClaimLost` fires, once.
 */
export class ClaimKeeper {
  readonly #o: ClaimKeeperOptions
  /** Attempts whose handlers run now, with the claim held: renewed together by one timer. */
  readonly #renewing = new Set<RunningAttempt>()
  /** Attempts whose signal was made, to abort when the receiver closes. */
  readonly #watched = new Set<RunningAttempt>()
  #renewTimer: ReturnType<typeof setInterval> | undefined

  #listening = false

  constructor(options: ClaimKeeperOptions) {
    this.#o = options
  }

  /**
   * Starts an attempt of a queued job: the claim is acquired, except for a first attempt moments after its
   * claim in this process. Undefined when the job must stop (the id was completed, or another claim of it
   * holds it: reported); throws when the store cannot answer.
   */
  begin(job: Job, deliveryId: string, started: number): MaybePromise<RunningAttempt | undefined> {
    if (!holdsClaim(job) || this.#freshlyClaimed(job)) return this.beginClaimed(job, deliveryId, started)
    return this.#acquire(job, deliveryId, started)
  }

  /** Starts an attempt that holds the claim its job was given just now, in this process (ack: 'handled'). */
  beginClaimed(job: Job, deliveryId: string, started: number): RunningAttempt {
    if (!holdsClaim(job)) return new RunningAttempt(this, job, deliveryId, started, UNCLAIMED, undefined)
    return new RunningAttempt(this, job, deliveryId, started, job.token, job.fence)
  }

  /** A signal was made for the attempt's handlers: it aborts when the receiver closes, too. */
  watch(running: RunningAttempt): void {
    const signal = this.#o.signal()
    if (signal.aborted) running.abort(signal.reason)
    else if (!running.handled) this.#watched.add(running)
    // Listened to from the first attempt, not before: the receiver makes its signal only then.
    if (this.#listening) return
    this.#listening = true
    signal.addEventListener('abort', () => {
      for (const watched of this.#watched) watched.abort(signal.reason)
      this.#watched.clear()
    })
  }

  /**
   * The attempt's handlers start: its lease is renewed every third of it until they end, so a slow handler
   * is never taken over. One timer serves every running attempt. It stops itself at the first tick with
   * nothing running, rather than when the last attempt ends: deliveries handled one after another then
   * share one timer instead of each creating and clearing its own. It never keeps the process alive (unref).
   */
  handlersStarted(running: RunningAttempt): void {
    if (!this.#o.store.extend || running.token === UNCLAIMED) return
    this.#renewing.add(running)
    this.#renewTimer ??= this.#startRenewing()
  }

  handlersEnded(running: RunningAttempt): void {
    running.handled = true
    this.#renewing.delete(running)
    this.#watched.delete(running)
  }

  /** Renews the claim for `lease` ms; false once it is lost (reported): the job must then stop. */
  async renew(running: RunningAttempt, lease: number): Promise<boolean> {
    if (running.lost) return false
    if (await this.#extend(running, lease)) return true
    this.#lose(running)
    return false
  }

  /**
   * Completes the id: true when done (or there is no claim to complete), false when the claim was lost
   * (reported). Throws when the store cannot answer.
   */
  complete(running: RunningAttempt): MaybePromise<boolean> {
    if (running.token === UNCLAIMED) return true
    if (running.lost) return false
    const { dedupWindow } = this.#o
    const completing = this.#o.store.complete(running.job.key, running.token, { dedupWindow })
    if (completing instanceof Promise) return completing.then((held) => this.#held(running, held))
    return this.#held(running, completing)
  }

  /** Forgets the claim so the sender's retry is processed; when that fails, the lease lapses instead. */
  async release(running: RunningAttempt): Promise<void> {
    if (running.token === UNCLAIMED || running.lost) return
    await releaseOrReport(this.#o.store, running.job.key, running.token, (error) =>
      this.#o.logger.error(
        { deliveryId: running.deliveryId, err: error },
        'could not release the claim; the id stays in progress until its lease lapses',
      ),
    )
  }

  async #acquire(job: Job, deliveryId: string, started: number): Promise<RunningAttempt | undefined> {
    const { store, lease, dedupWindow } = this.#o
    const hash = payloadHash(job.event.raw)
    const options = { payloadHash: typeof hash === 'string' ? hash : await hash, lease, dedupWindow }
    const acquiring = store.acquire(job.key, job.token, options)
    const result: ClaimResult = acquiring instanceof Promise ? await acquiring : acquiring
    if (result.status === 'claimed')
      return new RunningAttempt(this, job, deliveryId, started, result.token, result.fence)
    if (result.status === 'done') {
      // Completed by an earlier holder that stopped before its job was acknowledged: nothing left to do.
      this.#o.logger.debug?.({ deliveryId }, 'the id is completed already; the job stops')
    } else {
      this.#lose(new RunningAttempt(this, job, deliveryId, started, UNCLAIMED, undefined))
    }
    return undefined
  }

  /**
   * False only when the store says another holder has the claim now. A store that cannot answer is no
   * proof of a takeover, so the attempt goes on (its completion will tell).
   */
  async #extend(running: RunningAttempt, lease: number): Promise<boolean> {
    const { store } = this.#o
    if (!store.extend || running.token === UNCLAIMED) return true
    try {
      const extending = store.extend(running.job.key, running.token, { lease })
      return extending instanceof Promise ? await extending : extending
    } catch (error) {
      this.#o.logger.warn({ deliveryId: running.deliveryId, err: error }, 'could not renew the lease')
      return true
    }
  }

  #held(running: RunningAttempt, held: boolean): boolean {
    if (!held) this.#lose(running)
    return held
  }

  #lose(running: RunningAttempt): void {
    if (running.lost) return
    running.lost = true
    running.abort(new ClaimLostError())
    const { fence, deliveryId } = running
    this.#o.logger.warn(
      { deliveryId, attempt: running.job.attempt, fence },
      'another worker took the claim over; this attempt stops, and its result does not count',
    )
    if (this.#o.hooks.onClaimLost)
      callHook(this.#o.hooks, 'onClaimLost', { ...running.info(), fence }, this.#o.logger)
  }

  /**
   * A first attempt within a third of a lease of its claim, in the claiming process: at least two thirds
   * of the lease are left, the renewal timer (every third of a lease) renews it before it lapses, and no
   * other worker can have the job. A store call now would buy nothing.
   */
  #freshlyClaimed(job: Job): boolean {
    return (
      this.#o.claimsInProcess &&
      job.attempt === 1 &&
      job.fence !== undefined &&
      Date.now() - job.receivedAt < this.#o.lease / 3
    )
  }

  #startRenewing(): ReturnType<typeof setInterval> {
    const timer = setInterval(() => {
      if (this.#renewing.size === 0) {
        clearInterval(timer)
        this.#renewTimer = undefined
      }
      for (const running of this.#renewing) {
        void this.#extend(running, this.#o.lease).then((held) => {
          // Once handlers are over, a refused renewal may only mean the id was completed meanwhile.
          if (!held && this.#renewing.has(running)) this.#lose(running)
        })
      }
    }, this.#o.lease / 3)
    ;(timer as { unref?: () => void }).unref?.()
    return timer
  }
}

/** Replays run without the claim: it was completed when the job was dead-lettered. */
const holdsClaim = (job: Job) => job.token !== UNCLAIMED && job.replayed !== true
