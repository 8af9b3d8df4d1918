import type { PayloadIssue } from './schema/standard-schema.js'

// Every error class of core, each with a `code` for machines (the `rejectionStatus` key it answers with,
// or `claim_lost`, which never reaches a sender), so callers branch on `error.code`, not on a message.

/**
 * Every way a delivery can be turned away, with the HTTP status the sender should see.
 * One table so the providers, the receiver and the adapters can never disagree.
 */
export const rejectionStatus = {
  /** A header the provider needs is absent. */
  missing_header: 400,
  /** A header is present but cannot be read (bad number, bad list, bad encoding). */
  malformed_header: 400,
  /** No signature matched any configured secret. */
  invalid_signature: 401,
  /** A key resolver knows no key for this request: no known tenant sent it. */
  unknown_tenant: 401,
  /** A key resolver failed or did not answer in time; the sender retries later. */
  key_unavailable: 503,
  /** The signed timestamp is older than the tolerance. */
  timestamp_too_old: 401,
  /** The signed timestamp is further in the future than the tolerance. */
  timestamp_in_future: 401,
  /** The body is larger than `maxBodyBytes`. */
  payload_too_large: 413,
  /** The body did not arrive within the adapter's `bodyTimeout` (a slow or stalled sender). */
  request_timeout: 408,
  /** The body is not what the provider expects (not JSON, not a form). */
  malformed_payload: 400,
  /** The body was decoded as text or re-serialized before it reached us (raw bytes required). */
  raw_body_unavailable: 500,
  /** The body uses a Content-Encoding we do not decompress. */
  unsupported_encoding: 415,
  /** The delivery carries no id and no `key` function was configured. */
  missing_id: 400,
  /** The payload failed the handler's schema. */
  invalid_payload: 400,
  /** The same id was seen before with a different payload. */
  id_conflict: 409,
  /** The same id is being processed right now (ack: 'handled'). */
  in_progress: 409,
  /** The idempotency store or the handoff queue did not answer. */
  store_unavailable: 503,
  /** `maxPending` deliveries are accepted and not yet handled: nothing is claimed, the sender retries later. */
  queue_full: 503,
  /** The receiver is closing and accepts nothing new. */
  shutting_down: 503,
  /** A handler failed (ack: 'handled'); the claim was released so the sender's retry is processed. */
  handler_failed: 500,
  /** A guard's limit for this client address is spent (`@hookgate/guard`); `Retry-After` says when to retry. */
  rate_limited: 429,
  /** The client address is not in a guard's allowlist, or the adapter gave none (`@hookgate/guard`). */
  forbidden_address: 403,
  /** Only POST is accepted. */
  method_not_allowed: 405,
  /** Something failed that should not have (a bug, a throwing `key` function); logged with its cause. */
  internal_error: 500,
} as const

export type RejectionCode = keyof typeof rejectionStatus

/** The codes a provider can raise while verifying a request. */
export type VerificationErrorCode =
  | 'missing_header'
  | 'malformed_header'
  | 'invalid_signature'
  | 'unknown_tenant'
  | 'key_unavailable'
  | 'timestamp_too_old'
  | 'timestamp_in_future'
  | 'payload_too_large'
  | 'malformed_payload'
  | 'raw_body_unavailable'
  | 'unsupported_encoding'

/**
 * Thrown (or returned as a rejected promise) by every provider for every bad input, and nothing else is.
 * `code` is for machines, `status` for the HTTP answer, `message` for the person reading the log: it says
 * what to do and never contains a secret or an expected signature.
 */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError'
  readonly code: VerificationErrorCode
  readonly status: number

  constructor(code: VerificationErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
    this.status = rejectionStatus[code]
  }
}

export function isWebhookVerificationError(error: unknown): error is WebhookVerificationError {
  return error instanceof WebhookVerificationError
}

/** Thrown by a store (or queue) that could not answer: the receiver turns it into 503 `store_unavailable`. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError'
  readonly code = 'store_unavailable'
}

/** Thrown into the dead-letter path when a payload fails its schema: retrying cannot fix it. */
export class PayloadValidationError extends Error {
  override readonly name = 'PayloadValidationError'
  readonly code = 'invalid_payload'
  readonly issues: PayloadIssue[]

  constructor(issues: PayloadIssue[]) {
    super(`payload failed its schema: ${issues.map(describeIssue).join('; ')}`)
    this.issues = issues
  }
}

function describeIssue(issue: PayloadIssue): string {
  return issue.path.length === 0 ? issue.message : `${issue.path.join('.')}: ${issue.message}`
}

/**
 * A handler failed with ack: 'handled'. What it threw is logged and given to hooks, never written
 * to the sender: error messages leak internals (the defect of `@octokit/webhooks`).
 */
export class HandlerFailedError extends Error {
  override readonly name = 'HandlerFailedError'
  readonly code = 'handler_failed'
}

/**
 * The reason `ctx.signal` aborts with when another worker took the attempt's claim over: nothing this
 * attempt does counts any more, and the new holder runs the handlers itself.
 */
export class ClaimLostError extends Error {
  override readonly name = 'ClaimLostError'
  readonly code = 'claim_lost'

  constructor(message = 'another worker took the claim over', options?: ErrorOptions) {
    super(message, options)
  }
}

/**
 * The reason `ctx.signal` aborts with when another attempt took this attempt's order key over (this one
 * froze or stalled past its lease): its handlers run beside the new holder's now. The attempt waits and
 * runs again; its handlers that succeeded do not.
 */
export class OrderKeyLostError extends Error {
  override readonly name = 'OrderKeyLostError'
  readonly code = 'order_key_lost'

  constructor(message = 'another attempt took the order key over', options?: ErrorOptions) {
    super(message, options)
  }
}

/** A job waited longer than its limit for an order key another attempt holds: it counts as a failed attempt. */
export class OrderKeyBusyError extends Error {
  override readonly name = 'OrderKeyBusyError'
  readonly code = 'order_key_busy'
}

/**
 * An `orderKey` or `version` function threw, or returned what it may not (an empty or non-string key, a
 * version that is not a finite number): the delivery is dead-lettered, since retrying cannot fix it.
 */
export class InvalidOrderingError extends Error {
  override readonly name = 'InvalidOrderingError'
  readonly code = 'invalid_ordering'
}

/** What to print or store of a thrown value. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
