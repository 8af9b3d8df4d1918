import type { AttemptResult, Job, Logger, Outcome, StaleInfo } from '@hookgate/core'
import { isSpanContextValid, type Span } from '@opentelemetry/api'
import { errorType } from './traces.js'

/**
 * The log lines: one per delivery at `info`, with the receive span's fields (pino's conventions: fields
 * first, `trace_id` and `span_id` as pino's OpenTelemetry instrumentation names them), and at `debug`
 * (when the logger has it) what each step decided and why. The why is hookgate's own message for the
 * code, the one the sender was answered with: never a header, the body or an error's message.
 */
export class DeliveryLog {
  constructor(
    private readonly logger: Logger,
    private readonly providerName: string,
  ) {}

  received(outcome: Outcome, durationMs: number, span: Span): void {
    const fields = {
      provider: this.providerName,
      type: outcome.event?.type,
      deliveryId: outcome.event?.id,
      code: outcome.code,
      status: outcome.status,
      durationMs: Math.round(durationMs * 1000) / 1000,
      ...spanFields(span),
    }
    this.logger.info(fields, 'webhook received')
    this.logger.debug?.({ ...fields, reason: reasonOf(outcome) }, `receive: ${outcome.code}`)
  }

  attempted(job: Job, result: AttemptResult, span: Span): void {
    if (this.logger.debug === undefined) return
    const fields = {
      provider: this.providerName,
      type: job.event.type,
      deliveryId: job.event.id,
      attempt: job.attempt,
      result: result.status,
      ...(result.status === 'retry' || result.status === 'wait' ? { delayMs: result.delay } : {}),
      ...(result.status === 'retry' || result.status === 'dead'
        ? { errorType: errorType(result.error) }
        : {}),
      ...spanFields(span),
    }
    this.logger.debug(fields, `attempt ${job.attempt}: ${decisions[result.status]}`)
  }

  /** Without the order key: an app's `orderKey` reads it from the payload (core's own line has it). */
  stale(info: StaleInfo, span: Span | undefined): void {
    if (this.logger.debug === undefined) return
    this.logger.debug(
      {
        provider: this.providerName,
        type: info.event.type,
        deliveryId: info.event.id,
        attempt: info.attempt,
        version: info.version,
        lastVersion: info.lastVersion,
        ...(span === undefined ? {} : spanFields(span)),
      },
      `attempt ${info.attempt}: stale: its version is not newer than lastVersion, the last applied for its order key; not handled`,
    )
  }
}

const decisions: Record<AttemptResult['status'], string> = {
  done: 'done (handled, or taken over by another worker, or stale: see the hooks)',
  retry: 'a handler failed; it runs again after delayMs',
  wait: 'the order key is held by another attempt; it runs again after delayMs',
  dead: 'the last attempt failed, or the payload can never pass: dead-lettered',
}

/** The message of the answer's body: hookgate's own words for the code. */
function reasonOf(outcome: Outcome): string | undefined {
  if (outcome.status < 400) return undefined
  try {
    const message = (JSON.parse(outcome.body) as { message?: unknown }).message
    return typeof message === 'string' ? message : undefined
  } catch {
    return undefined
  }
}

function spanFields(span: Span): { trace_id?: string; span_id?: string } {
  const spanContext = span.spanContext()
  // The API's no-op span (no SDK) has an all-zero context: nothing to correlate with.
  if (!isSpanContextValid(spanContext)) return {}
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId }
}
