import {
  createHmacKey,
  decode,
  digest,
  encode,
  type HmacKey,
  timingSafeEqualText,
  utf8,
} from '../../crypto/backend.js'
import { WebhookVerificationError } from '../../errors.js'
import { toBytes } from '../../request.js'
import { type Keys, placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import { parseForm } from '../payload.js'
import type { CommonProviderOptions, Provider } from '../scheme.js'
import { toList } from '../verifiers.js'
import { defineBodySigned, unreadableBody } from './body-signed.js'
import { notificationFields } from './braintree-xml.js'
import { methodOf, queryOf, textReply } from './replies.js'

export interface BraintreeOptions extends CommonProviderOptions {
  /** The API key pair's public key (Control Panel > Settings > API): it names the signature to check. */
  publicKey: string
  /** The pair's private key, which Braintree signs with. An array while rotating. */
  secret: Keys<string>
}

/** A notification as handlers see it: the two fields read from the XML, and the XML itself. */
export interface BraintreeNotification {
  kind: string
  timestamp: string | undefined
  xml: string
}

/**
 * Braintree: a form body of `bt_signature` (`<public key>|<hex>` pairs joined by `&`) and `bt_payload`
 * (the notification's XML in base64); the pair of `publicKey` must be the hex HMAC-SHA1 of `bt_payload`
 * (with or without its trailing newline, as Braintree's SDK accepts), keyed with the SHA-1 of the private
 * key. The GET `?bt_challenge=<hex>` sent when the URL is set up is answered 200 text/plain
 * `<public key>|<HMAC of the challenge>`.
 *
 * The payload is `{ kind, timestamp, xml }`: `kind` and `timestamp` are the text of the first `<kind>`
 * and `<timestamp>` elements, read by a bounded scan (no XML parser in core: no entities, no DTD, nothing
 * expanded); the rest is the XML, for the app's own parser. `type` is `kind`
 * (`subscription_charged_successfully`). Braintree sends no id: it is the signature, a MAC of exactly the
 * payload, which a retry repeats. The XML timestamp is when the notification was made, the same on every
 * retry, so it is no freshness check. Braintree retries hourly for 24 hours: the dedup window defaults
 * to 24 hours.
 */
export function braintree(options: BraintreeOptions): Provider {
  return resolvingKeys(options, braintreeWith, { secret: placeholderSecret })
}

/** `braintree` with fixed keys. */
function braintreeWith(options: StaticKeys<BraintreeOptions>): Provider {
  const { publicKey } = options
  if (typeof publicKey !== 'string' || !/^\w+$/.test(publicKey))
    throw new TypeError('braintree: publicKey is required: the public key of the API key pair')
  const keys = toList(options.secret, 'braintree: secret').map(sha1Key)
  const mac = async (text: string, key = keys[0]!) => (await key).sign([text], 'hex')
  return defineBodySigned(
    {
      name: 'braintree',
      retryHorizon: '24h',
      signsTimestamp: false,
      methods: ['GET'],
      async handshake(request) {
        const challenge = methodOf(request) === 'GET' ? queryOf(request).get('bt_challenge') : null
        if (challenge === null) return undefined
        if (!/^[a-f0-9]{20,32}$/.test(challenge))
          throw unreadableBody('braintree', 'challenge is not 20 to 32 hex digits')
        return textReply(`${publicKey}|${await mac(challenge)}`)
      },
      async authenticate({ raw }) {
        const { payload, signature } = signedFields(raw, publicKey)
        if (signature !== undefined)
          for (const key of keys)
            for (const text of [payload, `${payload}\n`])
              if (timingSafeEqualText(await mac(text, key), signature))
                return { payload, signature } satisfies Signed
        throw new WebhookVerificationError(
          'invalid_signature',
          `No bt_signature of the public key ${publicKey} matches bt_payload with the configured secret (the private key of that pair).`,
        )
      },
      parse(verified, parsed) {
        const { payload, signature } = (parsed ?? signedFields(verified.raw, publicKey)) as Signed
        const xml = utf8(decode(payload.replaceAll('\n', ''), 'base64') ?? new Uint8Array())
        const fields = notificationFields(xml)
        const notification: BraintreeNotification = { ...fields, xml }
        return { payload: notification, id: signature, type: fields.kind }
      },
      async sign(input) {
        const payload = `${encode(toBytes(input.body), 'base64')}\n`
        const form = new URLSearchParams({
          bt_signature: `${publicKey}|${await mac(payload)}`,
          bt_payload: payload,
        })
        return {
          url: input.url,
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: form.toString(),
        }
      },
    },
    options,
  )
}

/** Braintree keys its HMAC with the SHA-1 of the private key, as raw bytes. */
async function sha1Key(privateKey: string): Promise<HmacKey> {
  return createHmacKey('sha1', decode(await digest('sha1', privateKey, 'hex'), 'hex')!)
}

interface Signed {
  payload: string
  signature: string | undefined
}

/** `bt_payload`, and the signature of `publicKey` among the pairs of `bt_signature`. */
function signedFields(raw: Uint8Array, publicKey: string): Signed {
  const { bt_signature: signatures, bt_payload: payload } = parseForm(raw)
  if (typeof signatures !== 'string' || typeof payload !== 'string' || !/^[A-Za-z0-9+/=\n]+$/.test(payload))
    throw unreadableBody('braintree', 'has no bt_signature and base64 bt_payload form fields')
  const signature = signatures
    .split('&')
    .map((pair) => pair.split('|'))
    .find(([key, value]) => key === publicKey && value !== undefined)?.[1]
  return { payload, signature }
}
