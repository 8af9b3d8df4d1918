import type { Meter, ObservableResult } from '@opentelemetry/api'
import { attr } from './attributes.js'
import type { FailureRateInfo, ResolvedFailureRate } from './options.js'

/** The code failed attempts are counted under, beside the rejection codes. */
export const handlerFailed = 'handler_failed'

/** How many slices a window is cut into: the window slides by a tenth of itself. */
const slices = 10

interface Slice {
  /** Which slice of time this is: `floor(now / sliceMs)`. */
  index: number
  deliveries: number
  attempts: number
  counts: Map<string, number>
}

/**
 * The share of deliveries rejected with each code, and of attempts that failed (`handler_failed`), over a
 * sliding window (the last `windowMs`, in ten slices): a gauge per code, and `onFailureRate` once when a
 * share crosses the threshold (with at least `minCount` in the window), armed again once it falls back.
 */
export class FailureRate {
  readonly #slices: Slice[] = []
  readonly #sliceMs: number
  readonly #firing = new Set<string>()
  /** Every code counted so far (a few dozen at most): each keeps its gauge, 0 once out of the window. */
  readonly #known = new Set<string>()
  readonly #unobserve: () => void

  constructor(
    private readonly options: ResolvedFailureRate,
    private readonly providerName: string,
    meter: Meter,
    private readonly fire: (info: FailureRateInfo) => void,
  ) {
    this.#sliceMs = options.windowMs / slices
    const gauge = meter.createObservableGauge('hookgate.failure.ratio', {
      description:
        'Share of deliveries rejected with each code, and of attempts failed (handler_failed), over the sliding window',
      unit: '1',
    })
    const observe = (result: ObservableResult) => {
      for (const code of this.#known)
        result.observe(this.rate(code).rate, { [attr.provider]: providerName, [attr.code]: code })
    }
    gauge.addCallback(observe)
    this.#unobserve = () => gauge.removeCallback(observe)
  }

  /** A delivery answered: `code` counts as a failure when it is a rejection. */
  received(code: string, rejected: boolean): void {
    const slice = this.#current()
    slice.deliveries++
    if (rejected) {
      this.#count(slice, code)
      this.#check(code)
    }
    // A code firing is told when its share falls back; the others' shares only fell, nothing to tell.
    for (const firing of this.#firing) if (firing !== handlerFailed) this.#check(firing)
  }

  /** An attempt ended: failed, or not. */
  attempted(failed: boolean): void {
    const slice = this.#current()
    slice.attempts++
    if (failed) this.#count(slice, handlerFailed)
    // As for deliveries: a success only matters to a share that is firing.
    if (failed || this.#firing.has(handlerFailed)) this.#check(handlerFailed)
  }

  /** The share of `code` in the window now. */
  rate(code: string): { rate: number; count: number; total: number } {
    const live = this.#live()
    const count = live.reduce((sum, slice) => sum + (slice.counts.get(code) ?? 0), 0)
    const total = live.reduce(
      (sum, slice) => sum + (code === handlerFailed ? slice.attempts : slice.deliveries),
      0,
    )
    return { rate: total === 0 ? 0 : count / total, count, total }
  }

  stop(): void {
    this.#unobserve()
  }

  #check(code: string): void {
    const { rate, count, total } = this.rate(code)
    const over = total >= this.options.minCount && rate >= this.options.threshold
    if (!over) {
      this.#firing.delete(code)
      return
    }
    if (this.#firing.has(code)) return
    this.#firing.add(code)
    this.fire({ providerName: this.providerName, code, rate, count, total, windowMs: this.options.windowMs })
  }

  #count(slice: Slice, code: string): void {
    this.#known.add(code)
    slice.counts.set(code, (slice.counts.get(code) ?? 0) + 1)
  }

  #current(): Slice {
    const index = Math.floor(Date.now() / this.#sliceMs)
    const last = this.#slices.at(-1)
    if (last?.index === index) return last
    const slice: Slice = { index, deliveries: 0, attempts: 0, counts: new Map() }
    this.#slices.push(slice)
    // Slices past the window are dropped as new ones start: at most `slices` are kept.
    while (this.#slices.length > 0 && this.#slices[0]!.index <= index - slices) this.#slices.shift()
    return slice
  }

  #live(): Slice[] {
    const oldest = Math.floor(Date.now() / this.#sliceMs) - slices
    return this.#slices.filter((slice) => slice.index > oldest)
  }
}
