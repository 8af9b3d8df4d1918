import type { IdempotencyStore, Logger, ObservedReceiver } from '@hookgate/core'
import type { Counter, Meter, ObservableResult } from '@opentelemetry/api'
import { attr } from './attributes.js'
import type { ResolvedWatch, SilentInfo } from './options.js'

/**
 * The store key of a watch's last delivery: a namespace of its own beside the claims, scoped as the
 * receiver's dedup keys are (`keyNamespace`: `namespace:provider:`), so receivers sharing a store (two
 * accounts of one provider, told apart by `namespace`) each watch their own sender.
 */
export function seenKey(keyNamespace: string, type: string | undefined): string {
  return `hookgate-watch:${keyNamespace}${type ?? '*'}`
}

/**
 * One silence watchdog. Each delivery of the watched type is noted in this process at once and written to
 * the store at most once per `checkEveryMs` (a delivery path costs no store call otherwise); every
 * `checkEveryMs` the last time any instance wrote is read back, and a sender silent for `silentForMs`
 * fires once, until it delivers again. Never-seen senders never fire: nothing says they should send.
 */
export class SilenceWatch {
  readonly key: string
  readonly #providerName: string
  readonly #store: IdempotencyStore
  readonly #logger: Logger
  /** This process's last delivery, and the latest time the store knows, ms since the epoch. */
  #seenHere: number | undefined
  #lastSeen: number | undefined
  #writtenAt = Number.NEGATIVE_INFINITY
  #silent = false
  readonly #timer: ReturnType<typeof setInterval>

  constructor(
    readonly watch: ResolvedWatch,
    receiver: ObservedReceiver,
    private readonly alerts: Counter,
    private readonly fire: (info: SilentInfo) => void,
  ) {
    this.key = seenKey(receiver.keyNamespace, watch.type)
    this.#providerName = receiver.providerName
    this.#store = receiver.store
    this.#logger = receiver.logger
    this.#timer = setInterval(() => void this.check(), watch.checkEveryMs)
    ;(this.#timer as { unref?: () => void }).unref?.()
  }

  /** A delivery of `type` was received (verified: a forged request is not the sender delivering). */
  seen(type: string, at: number): void {
    if (this.watch.type !== undefined && this.watch.type !== type) return
    this.#seenHere = at
    this.#silent = false
    if (at - this.#writtenAt < this.watch.checkEveryMs) return
    this.#writtenAt = at
    this.#write(at)
  }

  /** Reads the shared last delivery and fires when it is too old; what the timer runs. */
  async check(): Promise<void> {
    try {
      const shared = this.#store.lastSeen ? await this.#store.lastSeen(this.key) : undefined
      this.#lastSeen = Math.max(
        shared ?? Number.NEGATIVE_INFINITY,
        this.#seenHere ?? Number.NEGATIVE_INFINITY,
      )
    } catch (error) {
      this.#logger.warn({ err: error, watch: this.key }, 'the silence watch could not read the store')
      this.#lastSeen = this.#seenHere ?? this.#lastSeen
    }
    const last = this.#lastSeen
    if (last === undefined || !Number.isFinite(last)) return
    const now = Date.now()
    if (now - last < this.watch.silentForMs) {
      this.#silent = false
      return
    }
    if (this.#silent) return
    this.#silent = true
    this.alerts.add(1, { [attr.provider]: this.#providerName, [attr.alert]: 'silence', ...this.#typed() })
    this.fire({
      providerName: this.#providerName,
      type: this.watch.type,
      lastSeenAt: last,
      silentForMs: now - last,
    })
  }

  /** Seconds since the last delivery any instance saw, as of the last check; undefined before one. */
  silenceSeconds(): number | undefined {
    const last = this.#lastSeen
    return last === undefined || !Number.isFinite(last) ? undefined : Math.max(0, Date.now() - last) / 1000
  }

  stop(): void {
    clearInterval(this.#timer)
  }

  #typed() {
    return this.watch.type === undefined ? {} : { [attr.type]: this.watch.type }
  }

  #write(at: number): void {
    try {
      const writing = this.#store.markSeen?.(this.key, at)
      if (writing instanceof Promise) writing.catch((error) => this.#writeFailed(error))
    } catch (error) {
      this.#writeFailed(error)
    }
  }

  #writeFailed(error: unknown): void {
    // Written again at the next delivery past `checkEveryMs`, not before.
    this.#logger.warn({ err: error, watch: this.key }, 'the silence watch could not write to the store')
  }
}

/** Every watch of a receiver, with the gauge of each one's silence. */
export function watchSilence(
  watches: readonly ResolvedWatch[],
  receiver: ObservedReceiver,
  meter: Meter,
  alerts: Counter,
  fire: (info: SilentInfo) => void,
): { watches: SilenceWatch[]; stop(): void } {
  if (watches.length === 0) return { watches: [], stop() {} }
  const { providerName } = receiver
  const list = watches.map((w) => new SilenceWatch(w, receiver, alerts, fire))
  const gauge = meter.createObservableGauge('hookgate.watch.silence', {
    description:
      'Time since the last delivery of each watched sender (or type), across instances on the store',
    unit: 's',
  })
  const observe = (result: ObservableResult) => {
    for (const w of list) {
      const seconds = w.silenceSeconds()
      const type = w.watch.type === undefined ? {} : { [attr.type]: w.watch.type }
      if (seconds !== undefined) result.observe(seconds, { [attr.provider]: providerName, ...type })
    }
  }
  gauge.addCallback(observe)
  return {
    watches: list,
    stop() {
      gauge.removeCallback(observe)
      for (const w of list) w.stop()
    },
  }
}
