import { encode } from '../../crypto/backend.js'
import { WebhookVerificationError } from '../../errors.js'
import { toBytes } from '../../request.js'
import { readUnixSeconds } from '../freshness.js'
import { type Keys, placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import { parseJson, stringField, untypedEventType } from '../payload.js'
import { fieldAt } from '../providers/fields.js'
import type { CommonProviderOptions, Provider } from '../scheme.js'
import { hmacVerifier, toList } from '../verifiers.js'
import { defineBodySigned, unreadableBody, unverifiedJson } from './body-signed.js'

export interface MailgunOptions extends CommonProviderOptions {
  /** The account's shared secret, which Mailgun calls the HTTP webhook signing key (Sending > Webhooks). */
  secret: Keys<string>
}

interface MailgunSignature {
  timestamp: string
  token: string
  signature: string
}

/**
 * Mailgun: no header; the JSON body carries `signature: { timestamp, token, signature }`, `signature` the
 * hex HMAC-SHA256 of `timestamp` + `token` with the signing key. The timestamp must be fresh within
 * `tolerance` both ways; a replayed body within it is stopped by dedup on its id, which Mailgun's advice
 * (remember each token) amounts to. `id` is `event-data.id`, `type` `event-data.event` (`delivered`).
 * Mailgun retries for about 8 hours: the dedup window defaults to 8 hours.
 */
export function mailgun(options: MailgunOptions): Provider {
  return resolvingKeys(options, mailgunWith, { secret: placeholderSecret })
}

/** `mailgun` with fixed keys. */
function mailgunWith(options: StaticKeys<MailgunOptions>): Provider {
  const verifier = hmacVerifier('sha256', 'hex', toList(options.secret, 'mailgun: secret'))
  return defineBodySigned(
    {
      name: 'mailgun',
      retryHorizon: '8h',
      signsTimestamp: true,
      async authenticate({ raw }, fresh) {
        const payload = unverifiedJson(raw, 'mailgun')
        const signed = signatureOf(payload)
        fresh(readUnixSeconds(signed.timestamp, 'signature.timestamp'))
        if (!(await verifier.verify([[signed.timestamp + signed.token]], [signed.signature])))
          throw new WebhookVerificationError(
            'invalid_signature',
            'The signature in the body does not match its timestamp and token with the configured secret: check it is the HTTP webhook signing key of this Mailgun account.',
          )
        return payload
      },
      parse(verified, parsed) {
        const payload = parsed ?? parseJson(verified.raw, 'mailgun')
        return {
          payload,
          id: fieldAt(payload, 'event-data.id'),
          type: fieldAt(payload, 'event-data.event') ?? untypedEventType,
        }
      },
      async sign(input, now) {
        const payload = parseJson(toBytes(input.body), 'mailgun')
        const timestamp = String(input.timestamp ?? Math.floor(now / 1000))
        const token = encode(crypto.getRandomValues(new Uint8Array(25)), 'hex')
        const signature = await verifier.sign([timestamp + token])
        const body = JSON.stringify({ ...(payload as object), signature: { timestamp, token, signature } })
        return { url: input.url, headers: { 'Content-Type': 'application/json' }, body }
      },
    },
    options,
  )
}

function signatureOf(payload: unknown): MailgunSignature {
  const signature = (payload as { signature?: unknown } | null)?.signature
  const timestamp = stringField(signature, 'timestamp')
  const token = stringField(signature, 'token')
  const value = stringField(signature, 'signature')
  if (timestamp === undefined || token === undefined || value === undefined)
    throw unreadableBody('mailgun', 'has no signature { timestamp, token, signature } of strings')
  return { timestamp, token, signature: value }
}
