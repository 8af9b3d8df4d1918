import { utf8 } from '../../crypto/backend.js'
import { type Duration, toMs } from '../../duration.js'
import { WebhookVerificationError } from '../../errors.js'
import type { WebhookEvent } from '../../event.js'
import type { MaybePromise } from '../../maybe-promise.js'
import { type HeaderMap, type RawRequest, readHeaders } from '../../request.js'
import { readRawBody } from '../body.js'
import type { ParsedDelivery } from '../engine.js'
import { checkFreshness } from '../freshness.js'
import type {
  CommonProviderOptions,
  Provider,
  ProviderReply,
  SignedRequest,
  SignInput,
  VerifiedRequest,
} from '../scheme.js'

/** What a body-signed sender's check sees: the raw bytes and headers of a POST. */
export interface BodyRequest {
  raw: Uint8Array
  headers: HeaderMap
  url: string | undefined
}

/**
 * A sender whose credential travels inside the body, so no header carries what the engine (engine.ts)
 * reads: Mailgun's `signature` object, Adyen's per-item `hmacSignature`, Braintree's `bt_signature` form
 * field, Microsoft Graph's `clientState`. Each checks its own and reads its own fields; size, raw bytes,
 * freshness, options and the `Provider` shape are the same for all of them, here.
 */
export interface BodySignedDefinition {
  name: string
  retryHorizon: Duration
  /** Whether a signed timestamp is checked (then `Provider.tolerance` is set). */
  signsTimestamp: boolean
  /**
   * Throws `WebhookVerificationError` unless the credential inside the body is valid. `fresh(seconds)`
   * checks a signed timestamp; call it before any hashing. May return what it parsed, for `parse`.
   */
  authenticate(request: BodyRequest, fresh: (seconds: number) => void): MaybePromise<unknown>
  /** `parsed` is what `authenticate` returned for this request. */
  parse(verified: VerifiedRequest, parsed: unknown): ParsedDelivery
  /** `parsed` as for `parse`. */
  split?(payload: unknown, event: WebhookEvent, parsed: unknown): readonly ParsedDelivery[] | undefined
  /** Puts the credential in the body, as the sender does; `now` in ms. */
  sign(input: SignInput, now: number): Promise<SignedRequest>
  methods?: readonly string[]
  handshake?(request: RawRequest): MaybePromise<ProviderReply | undefined>
}

/** A body that cannot even be read for its credential: nothing about it is verified. */
export const unreadableBody = (provider: string, problem: string, cause?: unknown) =>
  new WebhookVerificationError(
    'malformed_payload',
    `The ${provider} body ${problem}, so its signature cannot be checked.`,
    cause === undefined ? undefined : { cause },
  )

/** The JSON of a body that carries its own credential. */
export function unverifiedJson(raw: Uint8Array, provider: string): unknown {
  try {
    return JSON.parse(utf8(raw))
  } catch (error) {
    throw unreadableBody(provider, 'is not JSON', error)
  }
}

/**
 * What `authenticate` parsed, by the body's bytes (the same object on the verified request and its
 * event), so the body is parsed once and split sees what was checked.
 */
const parsedOf = new WeakMap<Uint8Array, unknown>()

export function defineBodySigned(definition: BodySignedDefinition, options: CommonProviderOptions): Provider {
  const { name, split } = definition
  const tolerance = toMs(options.tolerance ?? '5m', `${name}: tolerance`)
  const { now = Date.now, maxBodyBytes = 1_048_576 } = options
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 0)
    throw new TypeError(`${name}: maxBodyBytes must be a whole number of bytes, got ${maxBodyBytes}`)
  return {
    name,
    retryHorizon: toMs(options.retryHorizon ?? definition.retryHorizon, `${name}: retryHorizon`),
    maxBodyBytes,
    tolerance: definition.signsTimestamp ? tolerance : undefined,
    async verify(request) {
      const raw = readRawBody(request.body, maxBodyBytes)
      const headers = readHeaders(request.headers)
      let signedAt: number | undefined
      const fresh = (seconds: number) => {
        checkFreshness(seconds, now(), tolerance)
        signedAt = seconds
      }
      const parsed = await definition.authenticate({ raw, headers, url: request.url }, fresh)
      const verified: VerifiedRequest = { raw, headers, url: request.url }
      if (signedAt !== undefined) verified.timestamp = new Date(signedAt * 1000)
      parsedOf.set(raw, parsed)
      return verified
    },
    parse(verified) {
      const { payload, id, type } = definition.parse(verified, parsedOf.get(verified.raw))
      const { raw, headers, timestamp } = verified
      return { id, type, timestamp, payload, raw, headers, providerName: name }
    },
    split:
      split &&
      ((event) =>
        split(event.payload, event, parsedOf.get(event.raw))?.map((item) => ({ ...event, ...item }))),
    methods: definition.methods,
    handshake: definition.handshake,
    sign: (input) => definition.sign(input, now()),
  }
}
