import type {
  AttemptResult,
  Instrumentation,
  Job,
  ObservedReceiver,
  Observer,
  Outcome,
  Receiver,
} from '@hookgate/core'
import { createNoopMeter, metrics, type Span, trace } from '@opentelemetry/api'
import { attr, scope } from './attributes.js'
import { FailureRate } from './failure-rate.js'
import { DeliveryLog } from './logs.js'
import { Metrics } from './metrics.js'
import { type InstrumentOptions, resolveFailureRate, resolveWatches } from './options.js'
import { type SilenceWatch, watchSilence } from './silence.js'
import { Tracing } from './traces.js'

const noopMeter = createNoopMeter()

type ReceiveStep = Parameters<NonNullable<Instrumentation['receive']>>[1]
type AttemptStep = Parameters<NonNullable<Instrumentation['attempt']>>[1]

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
  const { providerName, queue } = observed
  const tracer = (options.tracerProvider ?? trace.getTracerProvider()).getTracer(scope)
  const meter = (options.meterProvider ?? metrics.getMeterProvider()).getMeter(scope)
  // The API's no-op meter stays one (the metrics API has no proxy for an SDK registered later): nothing it
  // is given is kept, so the delivery path skips the metrics, the clock reads for them, and `onHandled`.
  const measuring = meter !== noopMeter
  const queueName = queue.durable ? 'durable' : 'memory'
  const tracing = new Tracing(tracer, providerName, queueName)
  const measures = measuring ? new Metrics(meter, providerName, queue) : undefined
  const log = options.logger && new DeliveryLog(options.logger, providerName)
  const timed = measures !== undefined || log !== undefined
  const alerts = meter.createCounter('hookgate.alerts', {
    description:
      'Alerts fired: silence (a watched sender stopped delivering), failure_rate (a share past the threshold)',
    unit: '{alert}',
  })
  // Without a meter its only output is `onFailureRate`.
  const rates =
    measuring || options.onFailureRate
      ? new FailureRate(failureRateOptions, providerName, meter, (info) => {
          alerts.add(1, {
            [attr.provider]: providerName,
            [attr.alert]: 'failure_rate',
            [attr.code]: info.code,
          })
          options.onFailureRate?.(info)
        })
      : undefined
  const silence = watchSilence(watchList, observed, meter, alerts, (info) => options.onSilent?.(info))
  const watching = silence.watches.length > 0

  // With spans only to record, a span that does not record (no SDK, or a sampler that dropped it) is ended
  // at once and the step returned as it is: no await around every delivery and attempt for nothing.
  const afterReceive = measures !== undefined || rates !== undefined || watching || log !== undefined
  const afterAttempt = measures !== undefined || rates !== undefined || log !== undefined

  async function received(span: Span, run: ReceiveStep, started: number): Promise<Outcome> {
    const outcome = await tracing.runReceive(span, run)
    const durationMs = timed ? performance.now() - started : 0
    tracing.endReceive(span, outcome)
    measures?.received(outcome, durationMs / 1000)
    rates?.received(outcome.code, outcome.status >= 400)
    if (watching && outcome.status < 400 && outcome.event !== undefined)
      for (const watch of silence.watches) watch.seen(outcome.event.type, Date.now())
    log?.received(outcome, durationMs, span)
    return outcome
  }

  async function attempted(job: Job, span: Span, run: AttemptStep, started: number): Promise<AttemptResult> {
    const result = await tracing.within(span, run)
    tracing.endAttempt(job, span, result)
    measures?.attempted(job, result, (performance.now() - started) / 1000)
    // A wait is no failed attempt, nor is a claim lost to another worker (`done`).
    if (result.status !== 'wait') rates?.attempted(result.status === 'retry' || result.status === 'dead')
    log?.attempted(job, result, span)
    return result
  }

  const observer: Observer = {
    receive(request, run) {
      const started = timed ? performance.now() : 0
      const span = tracing.startReceive(request)
      if (afterReceive || span.isRecording()) return received(span, run, started)
      span.end()
      return run(undefined)
    },
    attempt(job, run) {
      const started = measures ? performance.now() : 0
      const span = tracing.startAttempt(job)
      if (afterAttempt || span.isRecording()) return attempted(job, span, run, started)
      span.end()
      return run()
    },
    onRetry(info) {
      tracing.retried(info)
      measures?.retried(info)
    },
    onDeadLettered(info) {
      tracing.deadLettered(info)
      measures?.deadLettered(info)
    },
    onClaimLost: (info) => tracing.claimLost(info),
    onStale(info) {
      tracing.stale(info)
      measures?.stale(info)
      log?.stale(info, tracing.attemptSpan(info.event))
    },
  }
  // Only with a meter: the receiver builds an info for each delivery handled when the hook is there.
  if (measures) observer.onHandled = (info) => measures.handled(info)
  return {
    observer,
    watches: silence.watches,
    stop() {
      measures?.stop()
      rates?.stop()
      silence.stop()
    },
  }
}
