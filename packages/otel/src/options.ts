import { type Duration, type Logger, toMs } from '@hookgate/core'
import type { MeterProvider, TracerProvider } from '@opentelemetry/api'
import { InstrumentOptionError } from './errors.js'

/** A sender (or one of its types) that used to deliver and went quiet for `silentFor`. */
export interface SilentInfo {
  providerName: string
  /** The watched type; undefined when the watch covers every type. */
  type: string | undefined
  /** When the last delivery was received, by any instance sharing the store, ms since the epoch. */
  lastSeenAt: number
  silentForMs: number
}

/** The share of deliveries rejected with one code, or of attempts failed, crossed the threshold. */
export interface FailureRateInfo {
  providerName: string
  /** A rejection code (`invalid_signature`, ...), or `handler_failed` for failed attempts. */
  code: string
  /** `count / total`, over the window. */
  rate: number
  count: number
  /** Deliveries received (attempts run, for `handler_failed`) within the window. */
  total: number
  windowMs: number
}

export interface WatchOptions {
  /** How long without a delivery counts as silence. */
  silentFor: Duration
  /**
   * Watch one type only (a type the sender sends steadily, e.g. `invoice.paid`).
   * @default every type
   */
  type?: string
  /**
   * How often the last delivery's time is checked (and at most how often it is written to the store).
   * @default a tenth of `silentFor`, at most '1m'
   */
  checkEvery?: Duration
}

export interface FailureRateOptions {
  /**
   * The sliding window the shares are computed over.
   * @default '5m'
   */
  window?: Duration
  /**
   * The share (0 to 1) past which `onFailureRate` fires, once until the share falls back under it.
   * @default 0.2
   */
  threshold?: number
  /**
   * Fewer deliveries (or attempts) than this in the window never fire: one forged request is no spike.
   * @default 20
   */
  minCount?: number
}

export interface InstrumentOptions {
  /**
   * Where spans go.
   * @default the global tracer provider: the app's SDK, or the API's no-op without one
   */
  tracerProvider?: TracerProvider
  /**
   * Where metrics go.
   * @default the global meter provider: the app's SDK, or the API's no-op without one
   */
  meterProvider?: MeterProvider
  /**
   * Logs one line per delivery at `info` with the span's fields (pino conventions, `trace_id` and
   * `span_id` included), and one per decision at `debug` when the logger has `debug`.
   * @default none: no log lines
   */
  logger?: Logger
  /**
   * Silence watchdogs: each fires `onSilent` and counts a `silence` alert when the sender, which delivered
   * before, has delivered nothing for `silentFor`. The last delivery's time is kept in the receiver's store
   * when it has `markSeen` (memory and Redis stores do), so every instance on a shared store sees it.
   * @default none
   */
  watch?: WatchOptions | readonly WatchOptions[]
  /**
   * The failure-rate signal (a gauge per code, always on) and when `onFailureRate` fires.
   * @default { window: '5m', threshold: 0.2, minCount: 20 }
   */
  failureRate?: FailureRateOptions
  /**
   * A watched sender went silent.
   * @default none
   */
  onSilent?(info: SilentInfo): void
  /**
   * A rejection code's or failed attempts' share crossed `failureRate.threshold`.
   * @default none
   */
  onFailureRate?(info: FailureRateInfo): void
}

export interface ResolvedWatch {
  type: string | undefined
  silentForMs: number
  checkEveryMs: number
}

export interface ResolvedFailureRate {
  windowMs: number
  threshold: number
  minCount: number
}

export const failureRateDefaults = { window: '5m', threshold: 0.2, minCount: 20 } as const

/** The watches of `instrument()`'s options, checked early, with every default filled in. */
export function resolveWatches(watch: InstrumentOptions['watch']): ResolvedWatch[] {
  const list: readonly WatchOptions[] = watch === undefined ? [] : Array.isArray(watch) ? watch : [watch]
  return list.map((w, i) => {
    const name = Array.isArray(watch) ? `watch[${i}]` : 'watch'
    const silentForMs = positive(duration(w?.silentFor, `${name}.silentFor`), `${name}.silentFor`)
    const checkEveryMs =
      w.checkEvery === undefined
        ? Math.min(silentForMs / 10, 60_000)
        : positive(duration(w.checkEvery, `${name}.checkEvery`), `${name}.checkEvery`)
    return { type: w.type, silentForMs, checkEveryMs }
  })
}

export function resolveFailureRate(options: FailureRateOptions = {}): ResolvedFailureRate {
  const d = failureRateDefaults
  const threshold = options.threshold ?? d.threshold
  if (!(threshold > 0 && threshold <= 1))
    throw new InstrumentOptionError(
      'failureRate.threshold',
      `must be above 0 and at most 1, got ${threshold}`,
    )
  const minCount = options.minCount ?? d.minCount
  if (!(Number.isInteger(minCount) && minCount >= 1))
    throw new InstrumentOptionError('failureRate.minCount', `must be a whole number >= 1, got ${minCount}`)
  const windowMs = positive(duration(options.window ?? d.window, 'failureRate.window'), 'failureRate.window')
  return { windowMs, threshold, minCount }
}

function duration(value: Duration | undefined, option: string): number {
  if (value === undefined) throw new InstrumentOptionError(option, 'is required')
  try {
    return toMs(value, option)
  } catch {
    throw new InstrumentOptionError(option, `must be a duration such as '2h', got ${String(value)}`)
  }
}

function positive(ms: number, option: string): number {
  if (ms > 0) return ms
  throw new InstrumentOptionError(option, 'must be longer than 0')
}
