import type { Duration } from '../duration.js'
import type { WebhookEvent } from '../event.js'
import type { MaybePromise } from '../maybe-promise.js'
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

/** A reply the provider gives itself, for requests that are protocol rather than events. */
export interface ProviderReply {
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
  /** Required by providers that sign the URL (Twilio). */
  url?: string
}

/** A request ready to send: what the provider itself would send for `SignInput`. */
export interface SignedRequest {
  url: string | undefined
  headers: Record<string, string>
  body: string | Uint8Array
}

/**
 * Who sends, and how it signs: created by a factory (`stripe({ secret })`), given to a receiver as its
 * `provider`, then used for every request. `verify` throws only `WebhookVerificationError`; so does `parse`.
 */
export interface Provider {
  /** Names the provider on events (`event.providerName`) and namespaces dedup keys: `stripe`, `github`, ... */
  readonly name: string
  /**
   * How long the provider keeps retrying one delivery, in ms: a fact of the sender's, and the default of
   * the receiver's `dedupWindow`, which must cover every retry.
   */
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
  reply?(event: WebhookEvent): ProviderReply | undefined
  /**
   * Methods the provider sends besides POST, for its handshakes (Meta's GET `hub.challenge`, the
   * CloudEvents OPTIONS request): the receiver refuses any other with 405.
   */
  readonly methods?: readonly string[]
  /**
   * Answers a handshake before anything else runs: a GET or OPTIONS challenge, or a POST that is protocol
   * and carries no signature yet (Asana's `X-Hook-Secret`, Microsoft Graph's `validationToken`). Undefined
   * when the request is no handshake. A handshake never reaches handlers and is never deduplicated; one
   * that must be refused throws `WebhookVerificationError` or replies with the provider's refusal.
   */
  handshake?(request: RawRequest): MaybePromise<ProviderReply | undefined>
  /**
   * The events of a delivery that carries several (SendGrid, HubSpot, Adyen, Microsoft Graph), each with its
   * own id and type, deduplicated and handled on its own; undefined for a delivery of one event.
   */
  split?(event: WebhookEvent): readonly WebhookEvent[] | undefined
  /** Signs like the provider does: for tests, the CLI and users' own tests. */
  sign(input: SignInput): Promise<SignedRequest>
}

/** Options every provider factory takes besides its keys. */
export interface CommonProviderOptions {
  /**
   * How far a signed timestamp may be from now, in either direction.
   * @default '5m'
   */
  tolerance?: Duration
  /**
   * The clock, in ms since the epoch; inject for tests.
   * @default Date.now
   */
  now?: () => number
  /**
   * Bodies larger than this many bytes are refused (413) before any hashing.
   * @default 1_048_576 (1 MiB)
   */
  maxBodyBytes?: number
  /**
   * How long the sender retries one delivery: its fact, not a choice of ours. It is the default of the
   * receiver's `dedupWindow` (how long a processed id is remembered), which must cover every retry.
   * Override it when your sender's schedule differs from its documented one.
   * @default the provider's documented retry schedule (see docs/providers): Stripe `'3d'`, Slack `'1h'`, ...
   */
  retryHorizon?: Duration
  /**
   * How long a key resolver (a `secret` or `publicKey` given as a function of the request) may take;
   * past it, or when it throws, the request is answered 503 `key_unavailable` and the sender retries.
   * @default '5s'
   */
  keyTimeout?: Duration
}

/** Verify and parse in one call, like Stripe's `constructEvent`, for code that needs no receiver. */
export async function verifyWebhook(provider: Provider, request: RawRequest): Promise<WebhookEvent> {
  return provider.parse(await provider.verify(request))
}
