import { type RejectionCode, rejectionStatus } from '../errors.js'
import type { WebhookEvent } from '../event.js'
import type { RawRequest } from '../request.js'

export type OutcomeCode =
  /** 202: claimed and queued; handlers run after the response (ack: 'queued'). */
  | 'accepted'
  /** 200: handlers ran and succeeded before the response (ack: 'handled'). */
  | 'handled'
  /** 200: this id was already processed or is being processed; no handler ran. */
  | 'duplicate'
  /** 200: verified, but no handler is registered for its type (warned once per type; `hooks.onIgnored`). */
  | 'ignored'
  /** 200: a protocol request the provider answered itself (Slack url_verification). */
  | 'challenge'
  | RejectionCode

/** Everything an adapter writes back, exactly: status, headers (content-type, Retry-After) and body. */
export interface Outcome {
  status: number
  code: OutcomeCode
  headers: Record<string, string>
  body: string
  /** The verified event, when verification got that far. */
  event?: WebhookEvent
}

export interface ReceiveOptions {
  /**
   * Keeps after-ack work alive on runtimes that stop once the response is sent (Workers'
   * `executionCtx.waitUntil`, Vercel's `waitUntil`).
   * @default none
   */
  waitUntil?: (work: Promise<unknown>) => void
}

/** All an adapter needs of a receiver. */
export interface WebhookEndpoint {
  receive(request: RawRequest, options?: ReceiveOptions): Promise<Outcome>
  /** Adapters stop reading the body past this many bytes. */
  readonly maxBodyBytes: number
}

/**
 * The one response shape of every refusal: the status of `rejectionStatus`, a JSON body
 * `{ ok: false, code, message, ...details }` (`details` such as `issues` for `invalid_payload`).
 * Shared so a refusal an adapter makes before the receiver runs (body too large, too slow, already consumed)
 * reads exactly like one the receiver makes.
 */
export function rejectionOutcome(
  code: RejectionCode,
  message: string,
  headers: Record<string, string> = {},
  details?: Record<string, unknown>,
): Outcome {
  return {
    status: rejectionStatus[code],
    code,
    headers: { 'content-type': jsonContentType, ...headers },
    body: JSON.stringify({ ok: false, code, message, ...details }),
  }
}

/** The content type of every body hookgate writes. */
export const jsonContentType = 'application/json; charset=utf-8'
