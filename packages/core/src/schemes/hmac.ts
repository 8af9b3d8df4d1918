import type { Encoding, HashAlgorithm } from '../crypto/backend.js'
import type { HeaderMap } from '../request.js'
import { defineProvider } from './engine.js'
import { hmacDefinition } from './hmac-definition.js'
import { type Keys, placeholderSecret, resolvingKeys, type StaticKeys } from './key-resolver.js'
import { parseJsonOrForm, stringField, untypedEventType } from './payload.js'
import type { CommonProviderOptions, Provider } from './scheme.js'
import { prefixedFormat } from './signature-list.js'
import { compileTemplate, type SignedContent } from './signed-content.js'
import { toList } from './verifiers.js'

/** What `id` and `type` functions see: the parsed body (JSON, or a form) and the headers. */
export interface HmacDelivery {
  payload: unknown
  headers: HeaderMap
}

export interface HmacOptions extends CommonProviderOptions {
  /**
   * The provider's name (`Provider.name`): names the sender on events (`event.providerName`) and
   * namespaces its dedup keys.
   * @default 'hmac'
   */
  name?: string
  /** Used as raw bytes: a string as its UTF-8 bytes. An array while rotating: any may match, `sign` uses the first. */
  secret: Keys<string | Uint8Array>
  /** The header that carries the signature. */
  header: string
  /** @default 'sha256' */
  algorithm?: HashAlgorithm
  /**
   * How the signature is written (hex in lower case).
   * @default 'hex'
   */
  encoding?: Encoding
  /**
   * Text before the signature in the header, e.g. `'sha256='`.
   * @default '' (none)
   */
  signaturePrefix?: string
  /**
   * What is signed. A template with `{body}`, `{timestamp}`, `{id}` and `{url}` (the absolute request
   * URL), e.g. `'{timestamp}.{body}'`, or a function returning the parts.
   * @default '{body}'
   */
  signedContent?: SignedContent
  /**
   * The header with the signed unix-seconds timestamp; when set it must be present and fresh.
   * @default none: nothing is timestamped
   */
  timestamp?: string
  /**
   * The delivery id: a header name (read before parsing, so duplicates cost no parse), or a function of the payload.
   * @default none: give the receiver a `key` function, or deliveries are refused as `missing_id`
   */
  id?: string | ((delivery: HmacDelivery) => string | undefined)
  /**
   * The event type: a header name (then required) or a function.
   * @default the payload's `type` string, else `'webhook'`
   */
  type?: string | ((delivery: HmacDelivery) => string | undefined)
}

const algorithms: readonly HashAlgorithm[] = ['sha1', 'sha256', 'sha512']
const encodings: readonly Encoding[] = ['hex', 'base64', 'base64url']

/**
 * Any sender that HMACs its deliveries. Its `retryHorizon` (how long it retries, the receiver's default
 * `dedupWindow`) defaults to 3 days, as for Stripe: set it to your sender's retry schedule.
 */
export function hmac(options: HmacOptions): Provider {
  return resolvingKeys(options, hmacWith, { secret: placeholderSecret })
}

/** `hmac` with fixed keys. */
function hmacWith(options: StaticKeys<HmacOptions>): Provider {
  const name = options.name ?? 'hmac'
  const { algorithm = 'sha256', encoding = 'hex', signedContent = '{body}', timestamp, id, type } = options
  if (!algorithms.includes(algorithm))
    throw new TypeError(`${name}: algorithm must be one of ${algorithms.join(', ')}`)
  if (!encodings.includes(encoding))
    throw new TypeError(`${name}: encoding must be one of ${encodings.join(', ')}`)
  if (!options.header)
    throw new TypeError(`${name}: header is required: the header that carries the signature`)
  if (typeof signedContent === 'string') {
    const { uses } = compileTemplate(signedContent, `${name}: signedContent`)
    if (uses.has('timestamp') !== (timestamp !== undefined))
      throw new TypeError(
        `${name}: a timestamp is only safe when signed: set both the timestamp header and {timestamp} in signedContent, or neither`,
      )
    if (uses.has('id') && typeof id !== 'string')
      throw new TypeError(`${name}: {id} in signedContent needs id to be a header name`)
  }
  return defineProvider(
    hmacDefinition({
      name,
      retryHorizon: '3d',
      secrets: toList(options.secret, `${name}: secret`),
      algorithm,
      encoding,
      header: options.header,
      format: prefixedFormat(options.signaturePrefix ?? ''),
      signedContent,
      timestampHeader: timestamp,
      idHeader: typeof id === 'string' ? [id] : undefined,
      typeHeader: typeof type === 'string' ? type : undefined,
      parse(verified) {
        const payload = parseJsonOrForm(verified.raw, verified.headers, name)
        const delivery = { payload, headers: verified.headers }
        const eventType =
          typeof type === 'function' ? type(delivery) : (verified.type ?? stringField(payload, 'type'))
        return {
          payload,
          id: typeof id === 'function' ? id(delivery) : verified.id,
          type: eventType ?? untypedEventType,
        }
      },
    }),
    options,
  )
}
