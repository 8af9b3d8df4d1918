import {
  decode,
  type EcdsaPrivateKey,
  type EcdsaPublicKey,
  encode,
  importEcdsaPrivateKey,
  importEcdsaPublicKey,
} from '../../crypto/backend.js'
import { defineProvider, type ParsedDelivery } from '../engine.js'
import { malformedPayload } from '../failures.js'
import { type Keys, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import { parseJson, stringField, untypedEventType } from '../payload.js'
import type { CommonProviderOptions, Provider } from '../scheme.js'
import { prefixedFormat } from '../signature-list.js'
import { decodeAll, toList, type Verifier } from '../verifiers.js'

export interface SendGridOptions extends CommonProviderOptions {
  /**
   * The Verification Key of the Event Webhook (Settings > Mail Settings > Event Webhooks > Signature
   * Verification): the base64 of a P-256 public key's SPKI, with or without PEM armor. An array while
   * rotating, or a resolver of the request (one SendGrid account per tenant).
   */
  publicKey: Keys<string>
  /**
   * A P-256 private key as a JWK (an object, or its JSON), for `sign()` in tests and the CLI only:
   * SendGrid keeps its own. It must be the private half of one of the `publicKey`s to verify what it signs.
   * @default none: `sign()` is unavailable
   */
  secret?: JsonWebKey | string
}

/**
 * SendGrid's Event Webhook: `X-Twilio-Email-Event-Webhook-Signature` is the base64 DER of an ECDSA
 * P-256 / SHA-256 signature of `X-Twilio-Email-Event-Webhook-Timestamp` + the raw body; the timestamp must
 * be fresh (SendGrid's library never checks it). The body is a batch, an array of events: the delivery is
 * split into one event per item (`Provider.split`), each with its own `id` (`sg_event_id`) and `type`
 * (`event`: `delivered`, `open`, `bounce`, ...); the delivery itself is named by its first item. SendGrid
 * retries a failed batch for up to 24 hours: the dedup window defaults to 1 day.
 */
export function sendgrid(options: SendGridOptions): Provider {
  return resolvingKeys(options, sendgridWith, { publicKey: placeholderPublicKey })
}

/** A P-256 SPKI `sendgridWith` accepts, for `resolvingKeys`' `placeholder`; it verifies nothing. */
const placeholderPublicKey =
  'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEAfE7Ac5rmw+c3pxCHfCZGdaP9SBICpEJsqJE8UfaXRWXA+QyZfObmtmT5LqZdNFVwX2H4IX4pBNh5AsRYthtaw=='

/** `sendgrid` with fixed keys. */
function sendgridWith(options: StaticKeys<SendGridOptions>): Provider {
  const publicKeys = toList(options.publicKey, 'sendgrid: publicKey').map((key) =>
    importEcdsaPublicKey({ spki: spkiOf(key) }),
  )
  const privateKey = options.secret === undefined ? undefined : importEcdsaPrivateKey(jwkOf(options.secret))
  return defineProvider(
    {
      name: 'sendgrid',
      retryHorizon: '1d',
      keyOptions: 'publicKey',
      signatureHeader: ['X-Twilio-Email-Event-Webhook-Signature'],
      timestampHeader: ['X-Twilio-Email-Event-Webhook-Timestamp'],
      format: prefixedFormat(''),
      verifiers: new Map([['', ecdsaDerVerifier(publicKeys, privateKey)]]),
      signs: { timestamp: true, id: false },
      signedContent: (fields) => [[fields.timestamp!, fields.body]],
      parse(verified) {
        const payload = parseJson(verified.raw, 'sendgrid')
        if (!Array.isArray(payload) || payload.length === 0)
          throw malformedPayload('sendgrid', 'is not a non-empty array of events')
        return { ...sendgridItem(payload[0]), payload }
      },
      split: (payload) => (payload as unknown[]).map(sendgridItem),
    },
    options,
  )
}

/** One event of a batch: its id and type are `sg_event_id` and `event`. */
function sendgridItem(item: unknown): ParsedDelivery {
  return {
    payload: item,
    id: stringField(item, 'sg_event_id'),
    type: stringField(item, 'event') ?? untypedEventType,
  }
}

/** ECDSA with DER signatures in base64: every key against every candidate; signs with the private key. */
function ecdsaDerVerifier(
  publicKeys: readonly EcdsaPublicKey[],
  privateKey: EcdsaPrivateKey | undefined,
): Verifier {
  return {
    async verify(contents, candidates) {
      const signatures = decodeAll(candidates, 'base64')
      for (const content of contents)
        for (const key of publicKeys)
          for (const signature of signatures) if (await key.verify(content, signature, 'der')) return true
      return false
    },
    sign: privateKey && (async (content) => encode(await privateKey.sign(content, 'der'), 'base64')),
  }
}

function spkiOf(key: string): Uint8Array {
  const base64 = typeof key === 'string' ? key.replace(/-----[A-Z ]+-----|\s+/g, '') : ''
  const bytes = decode(base64, 'base64')
  if (!bytes || bytes.length === 0)
    throw new TypeError('sendgrid: publicKey must be the base64 Verification Key SendGrid shows (an SPKI)')
  return bytes
}

function jwkOf(secret: JsonWebKey | string): JsonWebKey {
  try {
    const jwk = typeof secret === 'string' ? (JSON.parse(secret) as JsonWebKey) : secret
    if (jwk.kty === 'EC' && jwk.crv === 'P-256' && typeof jwk.d === 'string') return jwk
  } catch {}
  throw new TypeError('sendgrid: secret must be a P-256 private key as a JWK (kty EC, crv P-256, with d)')
}
