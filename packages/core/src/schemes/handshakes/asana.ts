import { readHeaders } from '../../request.js'
import { defineProvider } from '../engine.js'
import { hmacDefinition } from '../hmac-definition.js'
import { type Keys, placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import { parseJson, stringField } from '../payload.js'
import type { CommonProviderOptions, Provider } from '../scheme.js'
import { prefixedFormat } from '../signature-list.js'
import { toList } from '../verifiers.js'
import { methodOf } from './replies.js'
import { type SecretCallback, secretCallback, storeSecret } from './stored-secret.js'

export interface AsanaOptions extends CommonProviderOptions {
  /**
   * The secret Asana sent in `X-Hook-Secret` when the webhook was created, which `onHookSecret` stored:
   * usually a resolver returning what is stored now (one per webhook, an array for several), since the
   * app learns it only once the receiver runs.
   */
  secret: Keys<string>
  /**
   * Stores the secret of a new webhook, awaited before the handshake is answered. It must keep it only
   * while the app is creating a webhook (Asana sends the handshake during the `POST /webhooks` call):
   * the handshake is unsigned, and anyone could send one. When it throws, the answer is 503.
   */
  onHookSecret: SecretCallback
}

/**
 * Asana: creating a webhook makes Asana POST an `X-Hook-Secret` header; it is given to `onHookSecret`
 * and echoed back in the 200 answer's `X-Hook-Secret`, which completes the handshake. Every event delivery
 * then carries `X-Hook-Signature`, hex HMAC-SHA256 of the body with that secret; nothing is timestamped.
 *
 * Asana's events have no id: a delivery is one event, its id the body's signature (a MAC of exactly those
 * bytes, repeated by a retry of the same delivery). `type` is `<resource_type>.<action>` when every event
 * of the delivery shares it (`task.changed`), `heartbeat` for a delivery without events, else `events`.
 * Asana retries for up to 24 hours: the dedup window defaults to 24 hours.
 */
export function asana(options: AsanaOptions): Provider {
  const onHookSecret = secretCallback(options.onHookSecret, 'asana: onHookSecret')
  const provider = resolvingKeys(options, asanaWith, { secret: placeholderSecret })
  return {
    ...provider,
    // Outside the resolver: no secret is stored yet when the handshake comes.
    async handshake(request) {
      const headers = readHeaders(request.headers)
      const secret = headers['x-hook-secret']
      if (methodOf(request) !== 'POST' || !secret || headers['x-hook-signature']) return undefined
      await storeSecret(onHookSecret, secret, request, 'asana: onHookSecret')
      return { status: 200, headers: { 'x-hook-secret': secret }, body: '' }
    },
  }
}

function asanaWith(options: StaticKeys<AsanaOptions>): Provider {
  return defineProvider(
    hmacDefinition({
      name: 'asana',
      retryHorizon: '24h',
      secrets: toList(options.secret, 'asana: secret'),
      algorithm: 'sha256',
      encoding: 'hex',
      header: 'X-Hook-Signature',
      format: prefixedFormat(''),
      signedContent: '{body}',
      parse(verified) {
        const payload = parseJson(verified.raw, 'asana')
        return { payload, id: verified.headers['x-hook-signature'], type: asanaType(payload) }
      },
    }),
    options,
  )
}

function asanaType(payload: unknown): string {
  const events = (payload as { events?: unknown } | null)?.events
  if (!Array.isArray(events)) return 'events'
  if (events.length === 0) return 'heartbeat'
  const types = new Set(
    events.map((event) => {
      const resource = stringField((event as { resource?: unknown })?.resource, 'resource_type')
      return `${resource}.${stringField(event, 'action')}`
    }),
  )
  const [type] = types
  return types.size === 1 && !type!.includes('undefined') ? type! : 'events'
}
