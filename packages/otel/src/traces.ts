import type {
  AttemptResult,
  ClaimLostInfo,
  DeadLetteredInfo,
  Job,
  JobTrace,
  Outcome,
  RawRequest,
  RetryInfo,
  StaleInfo,
  WebhookEvent,
} from '@hookgate/core'
import {
  type Attributes,
  context,
  type Span,
  SpanKind,
  type SpanOptions,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api'
import { attr, messagingSystem } from './attributes.js'
import { jobTraceOf, requestTrace, spanContextOf } from './trace-context.js'

// Made once, not per delivery (frozen: they are handed to the app's tracer).
const serverSpan: SpanOptions = Object.freeze({ kind: SpanKind.SERVER })
const consumerSpan: SpanOptions = Object.freeze({ kind: SpanKind.CONSUMER })

/**
 * The two spans of a delivery: `receive <provider>` (SERVER, the HTTP request; its parent is the sender's
 * `traceparent`) and one `process <provider>` (CONSUMER) per attempt, which links to the receive span
 * through `Job.trace` and continues its trace wherever the attempt runs. What an attempt decided is on its
 * span: `hookgate.attempt.result`, and a `retry`, `dead_letter`, `claim_lost` or `stale` event. Neither
 * span holds a header, the body, the payload or an error's message: codes and ids only.
 */
export class Tracing {
  /** The span of each attempt running in this process, for the hooks called while it runs. */
  readonly #attempts = new WeakMap<WebhookEvent, Span>()
  readonly #receiveName: string
  readonly #processName: string

  constructor(
    private readonly tracer: Tracer,
    private readonly providerName: string,
    private readonly queueName: string,
  ) {
    this.#receiveName = `receive ${providerName}`
    this.#processName = `process ${providerName}`
  }

  /**
   * Starts the receive span. Its attributes are set only once it records: with no SDK, the API's no-op
   * span costs no attribute object (samplers see the name and kind, not the attributes).
   */
  startReceive(request: RawRequest): Span {
    const parent = spanContextOf(requestTrace(request.headers))
    const base = context.active()
    const span = this.tracer.startSpan(
      this.#receiveName,
      serverSpan,
      parent ? trace.setSpanContext(base, parent) : base,
    )
    if (span.isRecording())
      span.setAttributes({
        [attr.httpMethod]: request.method?.toUpperCase() ?? 'POST',
        [attr.provider]: this.providerName,
        [attr.messagingSystem]: messagingSystem,
        [attr.messagingOperationType]: 'send',
        [attr.messagingDestination]: this.queueName,
      })
    return span
  }

  /**
   * Runs the receive step, with `span` current and the trace for the job when it records; as it is
   * otherwise (nothing would read either), with no closure made for it.
   */
  runReceive<T>(span: Span, run: (trace: JobTrace | undefined) => T): T {
    if (!span.isRecording()) return run(undefined)
    return context.with(trace.setSpan(context.active(), span), run, undefined, jobTraceOf(span.spanContext()))
  }

  /** Runs `step` with `span` current, when it records; as it is otherwise (nothing would read it). */
  within<T>(span: Span, step: () => T): T {
    return span.isRecording() ? context.with(trace.setSpan(context.active(), span), step) : step()
  }

  endReceive(span: Span, outcome: Outcome): void {
    if (span.isRecording()) {
      span.setAttributes(outcomeAttributes(outcome))
      if (outcome.status >= 400) span.setAttribute(attr.errorType, outcome.code)
      // A 4xx is the sender's error, not this server's (HTTP semantic conventions for SERVER spans).
      if (outcome.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.code })
    }
    span.end()
  }

  startAttempt(job: Job): Span {
    const link = spanContextOf(job.trace)
    const active = context.active()
    // Continue the delivery's trace unless something around the worker already made a span current.
    const parent = link && trace.getSpan(active) === undefined ? trace.setSpanContext(active, link) : active
    const span = this.tracer.startSpan(
      this.#processName,
      link ? { kind: SpanKind.CONSUMER, links: [{ context: link }] } : consumerSpan,
      parent,
    )
    if (!span.isRecording()) return span
    span.setAttributes({
      [attr.provider]: this.providerName,
      [attr.type]: job.event.type,
      ...(job.event.id === undefined ? {} : { [attr.messagingMessageId]: job.event.id }),
      [attr.attempt]: job.attempt,
      [attr.messagingSystem]: messagingSystem,
      [attr.messagingOperationType]: 'process',
      [attr.messagingOperationName]: 'process',
      [attr.messagingDestination]: this.queueName,
    })
    this.#attempts.set(job.event, span)
    return span
  }

  endAttempt(job: Job, span: Span, result: AttemptResult): void {
    if (span.isRecording()) {
      this.#attempts.delete(job.event)
      span.setAttribute(attr.result, result.status)
      if (result.status === 'retry' || result.status === 'dead') {
        span.setAttribute(attr.errorType, errorType(result.error))
        span.setStatus({ code: SpanStatusCode.ERROR, message: result.status })
      }
    }
    span.end()
  }

  retried(info: RetryInfo): void {
    this.#event(info.event, 'retry', {
      [attr.delay]: info.delayMs,
      [attr.failedHandlers]: info.failedHandlers,
      [attr.errorType]: errorType(info.error),
    })
  }

  deadLettered(info: DeadLetteredInfo): void {
    this.#event(info.event, 'dead_letter', {
      [attr.failedHandlers]: info.failedHandlers,
      [attr.errorType]: errorType(info.error),
    })
  }

  claimLost(info: ClaimLostInfo): void {
    this.#event(info.event, 'claim_lost', {})
  }

  /** The versions, not the order key: an app's `orderKey` reads it from the payload. */
  stale(info: StaleInfo): void {
    this.#event(info.event, 'stale', {
      [attr.version]: info.version,
      [attr.lastVersion]: info.lastVersion,
    })
  }

  /** The span of the attempt of `event` running in this process, while it runs and records. */
  attemptSpan(event: WebhookEvent): Span | undefined {
    return this.#attempts.get(event)
  }

  #event(event: WebhookEvent, name: string, attributes: Attributes): void {
    this.attemptSpan(event)?.addEvent(name, attributes)
  }
}

/** What an outcome says, as attributes: shared by the receive span, its metrics and its log line. */
export function outcomeAttributes(outcome: Outcome): Attributes {
  const { event } = outcome
  return {
    [attr.httpStatus]: outcome.status,
    [attr.code]: outcome.code,
    ...(event?.type === undefined ? {} : { [attr.type]: event.type }),
    ...(event?.id === undefined ? {} : { [attr.messagingMessageId]: event.id }),
  }
}

/**
 * `error.type`: the error's `code` (hookgate's errors have one), else its class name. Never the message,
 * which a handler may have filled with payload data.
 */
export function errorType(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code === 'string') return code
  const name = (error as { name?: unknown } | null)?.name
  return typeof name === 'string' ? name : '_OTHER'
}
