import type {
  AttemptInfo,
  AttemptResult,
  DeadLetteredInfo,
  HandoffQueue,
  Job,
  Outcome,
  RetryInfo,
  StaleInfo,
} from '@hookgate/core'
import type { Attributes, BatchObservableCallback, Meter } from '@opentelemetry/api'
import { attr } from './attributes.js'

/** The series keys of `hookgate.handler.duration`, apart from the outcome codes'. */
const resultKeys: Record<AttemptResult['status'], string> = {
  done: 'result:done',
  retry: 'result:retry',
  wait: 'result:wait',
  dead: 'result:dead',
}

/** Buckets in seconds: those the semantic conventions advise for HTTP durations, then up to an hour (retries). */
const seconds = {
  explicitBucketBoundaries: [
    0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60, 300, 3600,
  ],
}

/**
 * The metrics of `docs/observability.md`, on the app's meter. Counters are named for what they count
 * (the Prometheus exporter adds `_total`), durations are histograms in seconds. Queue depth and lag are
 * read from the queue at each collection, not on the delivery path.
 */
export class Metrics {
  readonly #deliveries
  readonly #rejections
  readonly #duplicates
  readonly #receiveDuration
  readonly #handlerDuration
  readonly #handlerFailures
  readonly #retries
  readonly #deadLetters
  readonly #stale
  readonly #latency
  readonly #provider: Attributes
  readonly #series = new Map<string, Map<string | undefined, Attributes>>()
  readonly #unobserve: () => void

  constructor(
    meter: Meter,
    private readonly providerName: string,
    queue: HandoffQueue,
  ) {
    this.#provider = { [attr.provider]: providerName }
    const counter = (name: string, unit: string, description: string) =>
      meter.createCounter(name, { description, unit })
    const histogram = (name: string, description: string) =>
      meter.createHistogram(name, { description, unit: 's', advice: seconds })
    this.#deliveries = counter(
      'hookgate.deliveries',
      '{delivery}',
      'Requests receive() answered, by provider, type and outcome code',
    )
    this.#rejections = counter('hookgate.rejections', '{delivery}', 'Requests answered 4xx or 5xx, by code')
    this.#duplicates = counter(
      'hookgate.duplicates',
      '{delivery}',
      'Deliveries answered 200 duplicate: an id already received',
    )
    this.#receiveDuration = histogram('hookgate.receive.duration', 'Time receive() took to answer')
    this.#handlerDuration = histogram(
      'hookgate.handler.duration',
      "Time one attempt's handlers took, by type and result (done, retry, wait, dead)",
    )
    this.#handlerFailures = counter(
      'hookgate.handler.failures',
      '{failure}',
      'Handlers that failed an attempt, by handler id',
    )
    this.#retries = counter('hookgate.retries', '{attempt}', 'Failed attempts scheduled to run again')
    this.#deadLetters = counter(
      'hookgate.dead_letters',
      '{delivery}',
      'Deliveries that went to the dead letters',
    )
    // Not `hookgate.deliveries.stale`: `hookgate.deliveries` is a metric, and a name is no namespace too.
    this.#stale = counter(
      'hookgate.stale_deliveries',
      '{delivery}',
      'Deliveries not handled: their version was not newer than the last applied for their order key',
    )
    this.#latency = histogram(
      'hookgate.delivery.latency',
      'Time from receipt to every handler having succeeded',
    )
    const depth = meter.createObservableGauge('hookgate.queue.depth', {
      description: 'Deliveries accepted and not yet handled (waiting, running, or waiting for a retry)',
      unit: '{delivery}',
    })
    const lag = meter.createObservableGauge('hookgate.queue.lag', {
      description:
        'Age of the job that has waited longest for a worker (the consumer lag); 0 when none waits',
      unit: 's',
      advice: seconds,
    })
    const observe: BatchObservableCallback = async (result) => {
      // Each read on its own: a queue that fails to answer one (Redis down) still reports the other.
      const [pending, oldest] = await Promise.allSettled([queue.pending?.(), queue.oldestWaiting?.()])
      if (pending.status === 'fulfilled' && pending.value !== undefined)
        result.observe(depth, pending.value, this.#provider)
      if (oldest.status === 'fulfilled' && queue.oldestWaiting)
        result.observe(
          lag,
          oldest.value === undefined ? 0 : Math.max(0, Date.now() - oldest.value) / 1000,
          this.#provider,
        )
    }
    meter.addBatchObservableCallback(observe, [depth, lag])
    this.#unobserve = () => meter.removeBatchObservableCallback(observe, [depth, lag])
  }

  received(outcome: Outcome, seconds: number): void {
    const { code } = outcome
    const type = outcome.event?.type
    const coded = this.#labels(code, undefined, () => ({
      [attr.provider]: this.providerName,
      [attr.code]: code,
    }))
    // Never the delivery id: a series per delivery.
    this.#deliveries.add(
      1,
      type === undefined ? coded : this.#labels(code, type, () => ({ ...coded, [attr.type]: type })),
    )
    this.#receiveDuration.record(seconds, coded)
    if (outcome.status >= 400) this.#rejections.add(1, coded)
    else if (outcome.code === 'duplicate') this.#duplicates.add(1, this.#typed(type))
  }

  attempted(job: Job, result: AttemptResult, seconds: number): void {
    const { type } = job.event
    const labels = this.#labels(resultKeys[result.status], type, () => ({
      ...this.#typed(type),
      [attr.result]: result.status,
    }))
    this.#handlerDuration.record(seconds, labels)
  }

  retried(info: RetryInfo): void {
    this.#retries.add(1, this.#typed(info.event.type))
    this.#failed(info.event.type, info.failedHandlers)
  }

  deadLettered(info: DeadLetteredInfo): void {
    this.#deadLetters.add(1, this.#typed(info.event.type))
    this.#failed(info.event.type, info.failedHandlers)
  }

  stale(info: StaleInfo): void {
    this.#stale.add(1, this.#typed(info.event.type))
  }

  handled(info: AttemptInfo): void {
    this.#latency.record(info.sinceReceivedMs / 1000, this.#typed(info.event.type))
  }

  stop(): void {
    this.#unobserve()
  }

  #failed(type: string, handlers: readonly string[]): void {
    for (const handler of handlers)
      this.#handlerFailures.add(1, { ...this.#typed(type), [attr.handler]: handler })
  }

  #typed(type: string | undefined): Attributes {
    if (type === undefined) return this.#provider
    return this.#labels('', type, () => ({ [attr.provider]: this.providerName, [attr.type]: type }))
  }

  /**
   * The attributes of one series, made once: the delivery path then allocates nothing per call. As many
   * as the series themselves, which the codes and the types received bound.
   */
  #labels(key: string, type: string | undefined, make: () => Attributes): Attributes {
    let ofKey = this.#series.get(key)
    if (ofKey === undefined) {
      ofKey = new Map()
      this.#series.set(key, ofKey)
    }
    let labels = ofKey.get(type)
    if (labels === undefined) {
      labels = make()
      ofKey.set(type, labels)
    }
    return labels
  }
}
