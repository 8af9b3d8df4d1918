import { utf8 } from '../crypto/backend.js'
import { WebhookVerificationError } from '../errors.js'
import type { RawBody } from '../request.js'

/**
 * The providers' error messages, in one place so they read alike. Each says what to do; none contains
 * a secret, a computed signature or the received one.
 */

export const missingHeader = (header: string, provider: string) =>
  new WebhookVerificationError(
    'missing_header',
    `The ${header} header is missing. Check the request comes from ${provider} and that every proxy in front of this endpoint forwards the header.`,
  )

export const malformedHeader = (header: string, problem: string) =>
  new WebhookVerificationError('malformed_header', `The ${header} header ${problem}.`)

export const payloadTooLarge = (maxBodyBytes: number) =>
  new WebhookVerificationError(
    'payload_too_large',
    `The body is larger than maxBodyBytes (${maxBodyBytes} bytes). Raise maxBodyBytes if the sender really sends bodies this large.`,
  )

export const rawBodyUnavailable = (received: string) =>
  new WebhookVerificationError(
    'raw_body_unavailable',
    `request.body is ${received}, not the raw bytes: a body parser ran before hookgate. Pass the body exactly as received (a Uint8Array/Buffer, an ArrayBuffer, or the exact text), e.g. with express.raw() or await request.arrayBuffer().`,
  )

export const malformedPayload = (provider: string, problem: string, cause?: unknown) =>
  new WebhookVerificationError(
    'malformed_payload',
    `The ${provider} body ${problem}, although its signature is valid.`,
    cause === undefined ? undefined : { cause },
  )

/**
 * What to check when no signature matched. Only "[object Object]" proves the body was changed; anything
 * else (indented JSON included: senders and the CLI's samples send it) could as well be the wrong secret,
 * the more common mistake, so the secret comes first and the changed body second.
 */
export function bodyHint(body: RawBody, raw: Uint8Array, keyOptions: string): string {
  if (utf8(raw.subarray(0, 16)) === '[object Object]')
    return 'The body is the text "[object Object]": a parsed object was turned into a string. Pass the raw bytes exactly as received.'
  const changed =
    typeof body === 'string'
      ? 'it was passed as text, so a body parser may have decoded or re-serialized it (JSON.stringify(req.body)): pass the raw bytes exactly as received'
      : 'a proxy or a body parser rewrote it, so pass the raw bytes exactly as received'
  return `Check the configured ${keyOptions} is the one for this endpoint; if it is, the body changed before it reached hookgate: ${changed}.`
}
