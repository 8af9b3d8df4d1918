import type { Duration } from '../duration.js'
import type { WebhookEvent } from '../event.js'
import type { HeaderMap, RawRequest } from '../request.js'

/**
 * A request whose signature (and timestamp, where signed) checked out. Nothing has been parsed yet: what
 * the headers alone tell is here, so the receiver can spot a duplicate without parsing the body.
 */
export interface VerifiedRequest {
  raw: Uint8Array
  headers: HeaderMap
  url: string | undefined
  /** The delivery id when the provider sends it in a header. */
  id?: string
  /** The event type when the provider sends it in a header. */
  type?: string
  timestamp?: Date
}

/** A reply the scheme gives itself, for requests that are protocol rather than events. */
export interface SchemeReply {
  status: number
  headers: Record<string, string>
  body: string
}

/** What to sign. Unset fields get fresh values (a random id, the current time). */
export interface SignInput {
  body: string | Uint8Array
  id?: string
  type?: string
  /** Unix seconds. */
  timestamp?: number
  /** Required by schemes that sign the URL (Twilio). */
  url?: string
}

/** A request ready to send: what the provider itself would send for `SignInput`. */
export interface SignedRequest {
  url: string | undefined
  headers: Record<string, string>
  body: string | Uint8Array
}

/**
 * How one sender signs. Created by a factory (`stripe({ secret })`), then used for every request.
 * `verify` throws only `WebhookVerificationError`; so does `parse`.
 */
export interface Scheme {
  /** Names the provider on events and namespaces dedup keys: `stripe`, `github`, ... */
  readonly provider: string
  /** How long the provider keeps retrying one delivery, in ms: the default dedup window. */
  readonly retryHorizon: number
  /** Bodies larger than this are refused (413) before any hashing. */
  readonly maxBodyBytes: number
  /**
   * How far a signed timestamp may be from now, in ms; undefined where the provider signs none (GitHub,
   * Shopify, Twilio). A dedup window shorter than this would let a captured delivery be replayed once its
   * id is forgotten, while its signature is still fresh: the receiver warns about that.
   */
  readonly tolerance?: number | undefined
  /** Checks size, signature and freshness on the raw bytes. */
  verify(request: RawRequest): Promise<VerifiedRequest>
  /** Parses the body and completes the event (id and type from the payload where the provider puts them). */
  parse(verified: VerifiedRequest): WebhookEvent
  /** Answers protocol requests (Slack's `url_verification`) so they never reach handlers. */
  reply?(event: WebhookEvent): SchemeReply | undefined
  /** Signs like the provider does: for tests, the CLI and users' own tests. */
  sign(input: SignInput): Promise<SignedRequest>
}

/** Options every scheme factory takes besides its secret. */
export interface CommonSchemeOptions {
  /** How far a signed timestamp may be from now, in either direction. Default `'5m'`. */
  tolerance?: Duration
  /** The clock, in ms since the epoch. Default `Date.now`; inject for tests. */
  now?: () => number
  /** Default 1 MiB. */
  maxBodyBytes?: number
  /**
   * How long the provider retries one delivery: the default dedup window. Each scheme's default is its
   * provider's documented retry schedule (see docs/providers); override when yours differs.
   */
  retryHorizon?: Duration
}

/** Verify and parse in one call, like Stripe's `constructEvent`, for code that needs no receiver. */
export async function verifyWebhook(scheme: Scheme, request: RawRequest): Promise<WebhookEvent> {
  return scheme.parse(await scheme.verify(request))
}
