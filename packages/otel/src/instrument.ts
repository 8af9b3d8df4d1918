import type { ObservedReceiver, Observer, Receiver } from '@hookgate/core'
import { metrics, trace } from '@opentelemetry/api'
import { attr, scope } from './attributes.js'
import { FailureRate } from './failure-rate.js'
import { DeliveryLog } from './logs.js'
import { Metrics } from './metrics.js'
import { type InstrumentOptions, resolveFailureRate, resolveWatches } from './options.js'
import { type SilenceWatch, watchSilence } from './silence.js'
import { Tracing } from './traces.js'

/** What `instrument()` returns. */
export interface Instrumented {
  /** The silence watchdogs, in the order of `watch`; `check()` runs one now. */
  readonly watches: readonly SilenceWatch[]
  /** Stops recording: the receiver's observer is removed, the gauges and the watchdogs' timers stop. */
  stop(): void
}

/**
 * Instruments a receiver with OpenTelemetry: spans, metrics, and optionally log lines and alerts (see
 * docs/observability.md). Built on `@opentelemetry/api` alone: without an SDK registered, everything is the
 * API's no-op. Call it once per receiver, before it receives.
 */
export function instrument(receiver: Receiver, options: InstrumentOptions = {}): Instrumented {
  const watches = resolveWatches(options.watch)
  const failureRate = resolveFailureRate(options.failureRate)
  let stopParts = () => {}
  let silence: SilenceWatch[] = []
  const remove = receiver.observe((observed) => {
    const made = observerOf(observed, options, watches, failureRate)
    stopParts = made.stop
    silence = made.watches
    return made.observer
  })
  return {
    watches: silence,
    stop() {
      remove()
      stopParts()
    },
  }
}

function observerOf(
  observed: ObservedReceiver,
  options: InstrumentOptions,
  watchList: ReturnType<typeof resolveWatches>,
  failureRateOptions: ReturnType<typeof resolveFailureRate>,
): { observer: Observer; watches: SilenceWatch[]; stop(): void } {
  const { providerName, queue, store } = observed
  const tracer = (options.tracerProvider ?? trace.getTracerProvider()).getTracer(scope)
  const meter = (options.meterProvider ?? metrics.getMeterProvider()).getMeter(scope)
  const queueName = queue.durable ? 'durable' : 'memory'
  const tracing = new Tracing(tracer, providerName, queueName)
  const measures = new Metrics(meter, providerName, queue)
  const log = options.logger && new DeliveryLog(options.logger, providerName)
  const alerts = meter.createCounter('hookgate.alerts', {
    description:
      'Alerts fired: silence (a watched sender stopped delivering), failure_rate (a share past the threshold)',
    unit: '{alert}',
  })
  const rates = new FailureRate(failureRateOptions, providerName, meter, (info) => {
    alerts.add(1, { [attr.provider]: providerName, [attr.alert]: 'failure_rate', [attr.code]: info.code })
    options.onFailureRate?.(info)
  })
  const silence = watchSilence(watchList, providerName, store, meter, alerts, observed.logger, (info) =>
    options.onSilent?.(info),
  )

  const observer: Observer = {
    async receive(request, run) {
      const started = performance.now()
      const span = tracing.startReceive(request)
      const outcome = await tracing.within(span, () => run(tracing.jobTrace(span)))
      const durationMs = performance.now() - started
      tracing.endReceive(span, outcome)
      measures.received(outcome, durationMs / 1000)
      rates.received(outcome.code, outcome.status >= 400)
      if (outcome.status < 400 && outcome.event !== undefined)
        for (const watch of silence.watches) watch.seen(outcome.event.type, Date.now())
      log?.received(outcome, durationMs, span)
      return outcome
    },
    async attempt(job, run) {
      const started = performance.now()
      const span = tracing.startAttempt(job)
      const result = await tracing.within(span, run)
      tracing.endAttempt(job, span, result)
      measures.attempted(job, result, (performance.now() - started) / 1000)
      // A wait is no failed attempt, nor is a claim lost to another worker (`done`).
      if (result.status !== 'wait') rates.attempted(result.status === 'retry' || result.status === 'dead')
      log?.attempted(job, result, span)
      return result
    },
    onRetry(info) {
      tracing.retried(info)
      measures.retried(info)
    },
    onDeadLettered(info) {
      tracing.deadLettered(info)
      measures.deadLettered(info)
    },
    onHandled: (info) => measures.handled(info),
    onClaimLost: (info) => tracing.claimLost(info),
    onStale(info) {
      tracing.stale(info)
      measures.stale(info)
      log?.stale(info, tracing.attemptSpan(info.event))
    },
  }
  return {
    observer,
    watches: silence.watches,
    stop() {
      measures.stop()
      rates.stop()
      silence.stop()
    },
  }
}
