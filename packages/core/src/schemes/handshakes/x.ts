import { createHmacKey } from '../../crypto/backend.js'
import { defineProvider } from '../engine.js'
import { hmacDefinition } from '../hmac-definition.js'
import { type Keys, placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import { parseJson } from '../payload.js'
import type { CommonProviderOptions, Provider } from '../scheme.js'
import { prefixedFormat } from '../signature-list.js'
import { toList } from '../verifiers.js'
import { jsonReply, methodOf, queryOf } from './replies.js'

export interface XOptions extends CommonProviderOptions {
  /** The app's shared secret, which X calls the Consumer Secret (API Key Secret). An array while rotating. */
  secret: Keys<string>
}

/**
 * X (Twitter) Account Activity API: `x-twitter-webhooks-signature: sha256=<base64>`, HMAC-SHA256 of the
 * body with the consumer secret; nothing is timestamped. The challenge-response check (CRC), a GET
 * `?crc_token=...` when the webhook is registered and then about hourly, is answered 200
 * `{"response_token":"sha256=<base64 HMAC-SHA256 of crc_token>"}` with the first `secret`.
 *
 * `type` is the delivery's `*_events` key (`tweet_create_events`, `favorite_events`, ...). X sends no
 * delivery id and its event lists have no common id field: the id is the body's signature, a MAC of
 * exactly those bytes, which a retry of the same delivery repeats. X documents no retry horizon: the dedup
 * window defaults to 3 days, hookgate's conservative choice for undocumented senders.
 */
export function x(options: XOptions): Provider {
  return resolvingKeys(options, xWith, { secret: placeholderSecret })
}

/** `x` with fixed keys. */
function xWith(options: StaticKeys<XOptions>): Provider {
  const secrets = toList(options.secret, 'x: secret')
  const key = createHmacKey('sha256', secrets[0]!)
  const definition = hmacDefinition({
    name: 'x',
    retryHorizon: '3d',
    secrets,
    algorithm: 'sha256',
    encoding: 'base64',
    header: 'x-twitter-webhooks-signature',
    format: prefixedFormat('sha256='),
    signedContent: '{body}',
    parse(verified) {
      const payload = parseJson(verified.raw, 'x')
      const type = Object.keys(payload ?? {}).find((name) => name.endsWith('_events')) ?? 'account_activity'
      return { payload, id: verified.headers['x-twitter-webhooks-signature'], type }
    },
  })
  return defineProvider(
    {
      ...definition,
      methods: ['GET'],
      async handshake(request) {
        const token = methodOf(request) === 'GET' ? queryOf(request).get('crc_token') : null
        if (token === null) return undefined
        return jsonReply({ response_token: `sha256=${await key.sign([token], 'base64')}` })
      },
    },
    options,
  )
}
