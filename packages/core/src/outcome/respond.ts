import { HandlerFailedError, isWebhookVerificationError, StoreUnavailableError } from '../errors.js'
import type { WebhookEvent } from '../event.js'
import type { ProviderReply } from '../schemes/scheme.js'
import { jsonContentType, type Outcome, rejectionOutcome } from './outcome.js'

/** Seconds a sender is asked to wait before retrying a 503 or a 409 `in_progress`. */
const retryAfterSeconds = '5'
export const retryLater = { 'retry-after': retryAfterSeconds }

type Success = 'accepted' | 'handled' | 'duplicate' | 'ignored'
const successStatus: Record<Success, number> = { accepted: 202, handled: 200, duplicate: 200, ignored: 200 }

/** A 2xx answer; the body names the id so a sender's delivery log shows what was decided. */
export function success(code: Success, id: string | undefined, event: WebhookEvent | undefined): Outcome {
  const body =
    id === undefined
      ? `{"ok":true,"code":"${code}"}`
      : `{"ok":true,"code":"${code}","id":${JSON.stringify(id)}}`
  const outcome: Outcome = {
    status: successStatus[code],
    code,
    headers: { 'content-type': jsonContentType },
    body,
  }
  return withEvent(outcome, event)
}

/** The outcome, naming the event it answers (for hooks and adapters). */
export function withEvent(outcome: Outcome, event: WebhookEvent | undefined): Outcome {
  if (event !== undefined) outcome.event = event
  return outcome
}

/** The provider's own answer to a protocol request (Slack's `url_verification`, a handshake). */
export function challenge(reply: ProviderReply, event: WebhookEvent | undefined): Outcome {
  const outcome: Outcome = {
    status: reply.status,
    code: 'challenge',
    headers: { ...reply.headers },
    body: reply.body,
  }
  return withEvent(outcome, event)
}

/** The answer to anything `receive()` caught; the cause is reported to hooks and the log, not the sender. */
export function failure(error: unknown, event: WebhookEvent | undefined): Outcome {
  const outcome = isWebhookVerificationError(error)
    ? rejectionOutcome(error.code, error.message, error.status === 503 ? retryLater : {})
    : error instanceof StoreUnavailableError
      ? rejectionOutcome(
          'store_unavailable',
          'the idempotency store or queue did not answer; retry later',
          retryLater,
        )
      : error instanceof HandlerFailedError
        ? rejectionOutcome('handler_failed', 'a handler failed; the delivery was released, retry it')
        : rejectionOutcome('internal_error', 'the receiver failed unexpectedly; retry later')
  return withEvent(outcome, event)
}
