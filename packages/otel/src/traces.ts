import type {
  AttemptResult,
  ClaimLostInfo,
  DeadLetteredInfo,
  Job,
  JobTrace,
  Outcome,
  RawRequest,
  RetryInfo,
  WebhookEvent,
} from '@hookgate/core'
import {
  type Attributes,
  type Context,
  context,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api'
import { attr, messagingSystem } from './attributes.js'
import { jobTraceOf, requestTrace, spanContextOf } from './trace-context.js'

/**
 * The two spans of a delivery: `receive <provider>` (SERVER, the HTTP request; its parent is the sender's
 * `traceparent`) and one `process <provider>` (CONSUMER) per attempt, which links to the receive span
 * through `Job.trace` and continues its trace wherever the attempt runs. What an attempt decided is on its
 * span: `hookgate.attempt.result`, and a `retry`, `dead_letter` or `claim_lost` event. Neither
 * span holds a header, the body, the payload or an error's message: codes and ids only.
 */
export class Tracing {
  /** The span of each attempt running in this process, for the hooks called while it runs. */
  readonly #attempts = new WeakMap<WebhookEvent, Span>()

  constructor(
    private readonly tracer: Tracer,
    private readonly providerName: string,
    private readonly queueName: string,
  ) {}

  startReceive(request: RawRequest): { span: Span; context: Context } {
    const parent = spanContextOf(requestTrace(request.headers))
    const base = context.active()
    const parentContext = parent ? trace.setSpanContext(base, parent) : base
    const span = this.tracer.startSpan(
      `receive ${this.providerName}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          [attr.httpMethod]: request.method?.toUpperCase() ?? 'POST',
          [attr.provider]: this.providerName,
          [attr.messagingSystem]: messagingSystem,
          [attr.messagingOperationType]: 'send',
          [attr.messagingDestination]: this.queueName,
        },
      },
      parentContext,
    )
    return { span, context: trace.setSpan(parentContext, span) }
  }

  /** What the job carries to its attempts: only for a span that records (no SDK, nothing to link). */
  jobTrace(span: Span): JobTrace | undefined {
    return span.isRecording() ? jobTraceOf(span.spanContext()) : undefined
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

  startAttempt(job: Job): { span: Span; context: Context } {
    const link = spanContextOf(job.trace)
    const active = context.active()
    // Continue the delivery's trace unless something around the worker already made a span current.
    const parent = link && trace.getSpan(active) === undefined ? trace.setSpanContext(active, link) : active
    const span = this.tracer.startSpan(
      `process ${this.providerName}`,
      {
        kind: SpanKind.CONSUMER,
        links: link ? [{ context: link }] : [],
        attributes: {
          ...eventAttributes(job.event, this.providerName),
          [attr.attempt]: job.attempt,
          [attr.messagingSystem]: messagingSystem,
          [attr.messagingOperationType]: 'process',
          [attr.messagingOperationName]: 'process',
          [attr.messagingDestination]: this.queueName,
        },
      },
      parent,
    )
    this.#attempts.set(job.event, span)
    return { span, context: trace.setSpan(parent, span) }
  }

  endAttempt(job: Job, span: Span, result: AttemptResult): void {
    this.#attempts.delete(job.event)
    if (span.isRecording()) {
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

  #event(event: WebhookEvent, name: string, attributes: Attributes): void {
    this.#attempts.get(event)?.addEvent(name, attributes)
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

function eventAttributes(event: WebhookEvent, providerName: string): Attributes {
  return {
    [attr.provider]: providerName,
    [attr.type]: event.type,
    ...(event.id === undefined ? {} : { [attr.messagingMessageId]: event.id }),
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
