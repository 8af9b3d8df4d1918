import { timingSafeEqualText } from '../../crypto/backend.js'
import { WebhookVerificationError } from '../../errors.js'
import { defineProvider } from '../engine.js'
import { hmacDefinition } from '../hmac-definition.js'
import { type Keys, placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import { parseJson, stringField } from '../payload.js'
import type { CommonProviderOptions, Provider } from '../scheme.js'
import { prefixedFormat } from '../signature-list.js'
import { toList } from '../verifiers.js'
import { methodOf, queryOf, textReply } from './replies.js'

export interface MetaOptions extends CommonProviderOptions {
  /** The app's shared secret, which Meta calls the App Secret (App Dashboard > App settings > Basic). */
  secret: Keys<string>
  /**
   * The Verify Token you typed in the webhook's settings: Meta sends it back in the GET
   * `hub.verify_token` when you subscribe, and only that GET is answered with the challenge.
   */
  verifyToken: string
}

const signatureHeader = 'X-Hub-Signature-256'

/**
 * Meta (Facebook, Instagram, Messenger, WhatsApp): `X-Hub-Signature-256: sha256=<hex>`, HMAC-SHA256 of the
 * body with the App Secret; nothing is timestamped. Subscribing sends a GET
 * `?hub.mode=subscribe&hub.verify_token=...&hub.challenge=...`, answered 200 text/plain with the challenge
 * when the token is `verifyToken` (compared in constant time), refused otherwise.
 *
 * Meta sends no delivery id, and none of the fields of its changes is unique (an entry's `id` and `time`
 * repeat for every change in it; only WhatsApp messages have an id). A retry resends the same body, so the
 * id is the body's own fingerprint: its signature, a MAC of exactly those bytes. A delivery is one event,
 * not split: without an id per change, a change could only be told apart by its position in the body.
 * `type` is `<object>.<field>` (`whatsapp_business_account.messages`, `page.feed`) when every change of the
 * delivery is of one field, `<object>.messaging` for Messenger, else `<object>`. Meta retries for up to
 * 36 hours: the dedup window defaults to 36 hours.
 */
export function meta(options: MetaOptions): Provider {
  return resolvingKeys(options, metaWith, { secret: placeholderSecret })
}

/** `meta` with fixed keys. */
function metaWith(options: StaticKeys<MetaOptions>): Provider {
  const { verifyToken } = options
  if (typeof verifyToken !== 'string' || verifyToken.length === 0)
    throw new TypeError('meta: verifyToken is required: the Verify Token of the webhook subscription')
  const definition = hmacDefinition({
    name: 'meta',
    retryHorizon: '36h',
    secrets: toList(options.secret, 'meta: secret'),
    algorithm: 'sha256',
    encoding: 'hex',
    header: signatureHeader,
    format: prefixedFormat('sha256='),
    signedContent: '{body}',
    parse(verified) {
      const payload = parseJson(verified.raw, 'meta')
      return { payload, id: verified.headers['x-hub-signature-256'], type: metaType(payload) }
    },
  })
  return defineProvider(
    {
      ...definition,
      methods: ['GET'],
      handshake(request) {
        if (methodOf(request) !== 'GET') return undefined
        const query = queryOf(request)
        const challenge = query.get('hub.challenge')
        if (query.get('hub.mode') !== 'subscribe' || challenge === null) return undefined
        if (!timingSafeEqualText(query.get('hub.verify_token') ?? '', verifyToken))
          throw new WebhookVerificationError(
            'invalid_signature',
            'meta: hub.verify_token is not the configured verifyToken: check the Verify Token of the subscription.',
          )
        return textReply(challenge)
      },
    },
    options,
  )
}

function metaType(payload: unknown): string {
  const object = stringField(payload, 'object') ?? 'meta'
  const entries = (payload as { entry?: unknown }).entry
  if (!Array.isArray(entries)) return object
  const fields = new Set<string | undefined>()
  for (const entry of entries) {
    const { changes, messaging } = (entry ?? {}) as { changes?: unknown; messaging?: unknown }
    if (Array.isArray(messaging)) fields.add('messaging')
    if (Array.isArray(changes)) for (const change of changes) fields.add(stringField(change, 'field'))
  }
  const [field] = fields
  return fields.size === 1 && field !== undefined ? `${object}.${field}` : object
}
