import { digest } from '../crypto/backend.js'
import { WebhookVerificationError } from '../errors.js'
import { defineProvider, type SignedFields } from './engine.js'
import { type Keys, placeholderSecret, resolvingKeys, type StaticKeys } from './key-resolver.js'
import {
  type FormPayload,
  looksLikeJson,
  parseForm,
  parseJson,
  stringField,
  untypedEventType,
} from './payload.js'
import type { CommonProviderOptions, Provider } from './scheme.js'
import { prefixedFormat } from './signature-list.js'
import { absoluteUrl } from './signed-content.js'
import { hmacVerifier, toList } from './verifiers.js'

export interface TwilioOptions extends CommonProviderOptions {
  /**
   * The account's shared secret, which Twilio calls the Auth Token (Console > Account info). An array while
   * rotating (primary and secondary).
   */
  secret: Keys<string>
}

/**
 * Twilio: `X-Twilio-Signature`, base64 HMAC-SHA1 of the full URL followed by the form parameters sorted by
 * name (name then value, repeated names by sorted value). JSON bodies are covered by a `bodySHA256` query
 * parameter instead, checked against the body. The URL is tried with and without its port, as Twilio's
 * library does. Nothing is timestamped. `id` is `I-Twilio-Idempotency-Token` (a `MessageSid` repeats
 * across status callbacks); Twilio only retries failed connections, within minutes: a 1-hour window.
 *
 * `type`: `StatusCallbackEvent` when present (`participant-join`), else `message.<MessageStatus|SmsStatus>`
 * (`message.delivered`, `message.received`), else `call.<CallStatus>` (`call.completed`); a JSON body's
 * own `type`; else `webhook`.
 */
export function twilio(options: TwilioOptions): Provider {
  return resolvingKeys(options, twilioWith, { secret: placeholderSecret })
}

/** `twilio` with fixed keys. */
function twilioWith(options: StaticKeys<TwilioOptions>): Provider {
  return defineProvider(
    {
      name: 'twilio',
      retryHorizon: '1h',
      keyOptions: 'secret',
      signatureHeader: ['X-Twilio-Signature'],
      idHeader: ['I-Twilio-Idempotency-Token'],
      format: prefixedFormat(''),
      verifiers: new Map([['', hmacVerifier('sha1', 'base64', toList(options.secret, 'twilio: secret'))]]),
      signs: { timestamp: false, id: false },
      signedContent(fields) {
        const params = bodyHashOf(fields.url) === undefined ? formText(parseForm(fields.body)) : ''
        return portVariants(absoluteUrl(fields.url)).map((url) => [url + params])
      },
      checkBody,
      signatureHint:
        'Twilio signs the exact URL it called: check request.url is that URL (scheme, host, port, path, query). ',
      parse(verified) {
        if (bodyHashOf(verified.url) !== undefined) {
          const payload = parseJson(verified.raw, 'twilio')
          return { payload, id: verified.id, type: stringField(payload, 'type') ?? untypedEventType }
        }
        const payload = parseForm(verified.raw)
        return { payload, id: verified.id, type: formType(payload) }
      },
      async signUrl(url, body) {
        if (!url || !/^https?:\/\//i.test(url))
          throw new TypeError('twilio: sign() needs input.url, the absolute URL to call')
        if (!looksLikeJson(body)) return url
        const hash = await digest('sha256', body, 'hex')
        return `${url}${url.includes('?') ? '&' : '?'}bodySHA256=${hash}`
      },
    },
    options,
  )
}

/** The `bodySHA256` query parameter: Twilio's mark of a JSON body. */
function bodyHashOf(url: string | undefined): string | undefined {
  const path = url?.split('#', 1)[0] ?? ''
  const at = path.indexOf('?')
  return at < 0 ? undefined : (new URLSearchParams(path.slice(at + 1)).get('bodySHA256') ?? undefined)
}

async function checkBody(fields: SignedFields): Promise<void> {
  const expected = bodyHashOf(fields.url)
  if (expected === undefined) return
  // The hash is not secret (it travels in the URL); only the URL's signature protects it.
  if ((await digest('sha256', fields.body, 'hex')) !== expected)
    throw new WebhookVerificationError(
      'invalid_signature',
      'The body does not match the bodySHA256 of the signed URL: pass the raw bytes exactly as received.',
    )
}

/** Parameters sorted by name, each written name + value; a repeated name once per distinct value, sorted. */
function formText(form: FormPayload): string {
  let text = ''
  for (const name of Object.keys(form).sort()) {
    const value = form[name]!
    if (typeof value === 'string') text += name + value
    else for (const each of [...new Set(value)].sort()) text += name + each
  }
  return text
}

/** The URL without its port and with it (the scheme's default when it has none). */
function portVariants(url: string): string[] {
  const [, scheme, authority, rest] = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)(.*)$/is.exec(url)!
  const at = authority!.lastIndexOf('@')
  const userInfo = authority!.slice(0, at + 1)
  const hostPort = authority!.slice(at + 1)
  const colon = hostPort.indexOf(':', hostPort.lastIndexOf(']') + 1)
  const host = colon < 0 ? hostPort : hostPort.slice(0, colon)
  const port = colon < 0 ? (scheme!.toLowerCase() === 'https://' ? ':443' : ':80') : hostPort.slice(colon)
  return [scheme + userInfo + host + rest, scheme + userInfo + host + port + rest]
}

const statusTypes: readonly [field: string, prefix: string][] = [
  ['StatusCallbackEvent', ''],
  ['MessageStatus', 'message.'],
  ['SmsStatus', 'message.'],
  ['CallStatus', 'call.'],
]

function formType(form: FormPayload): string {
  for (const [field, prefix] of statusTypes) {
    const value = form[field]
    if (typeof value === 'string' && value) return prefix + value
  }
  return untypedEventType
}
