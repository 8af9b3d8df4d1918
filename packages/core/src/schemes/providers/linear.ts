import { defineProvider } from '../engine.js'
import { malformedPayload } from '../failures.js'
import { hmacDefinition } from '../hmac-definition.js'
import { type Keys, placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import { parseJson, untypedEventType } from '../payload.js'
import type { CommonProviderOptions, Provider } from '../scheme.js'
import { prefixedFormat } from '../signature-list.js'
import { toList } from '../verifiers.js'
import { fieldAt } from './fields.js'

export interface LinearOptions extends CommonProviderOptions {
  /** The webhook's signing secret (Linear > Settings > API > Webhooks). An array while rotating. */
  secret: Keys<string>
}

/**
 * Linear: `Linear-Signature`, hex HMAC-SHA256 of the body. The signed timestamp is the body's own
 * `webhookTimestamp` (unix ms), checked once the signature matched, within `tolerance` both ways; the
 * `Linear-Timestamp` header is not signed and never read, as Linear's SDK trusts only the body's.
 * `id` is `Linear-Delivery`, `type` the payload's `type` and `action` (`Issue.create`).
 *
 * `tolerance` defaults to 60 s, Linear's SDK's window. Linear documents no retry schedule: the dedup window
 * defaults to 3 days, hookgate's conservative choice for undocumented senders.
 */
export function linear(options: LinearOptions): Provider {
  return resolvingKeys(options, linearWith, { secret: placeholderSecret })
}

/** `linear` with fixed keys. */
function linearWith(options: StaticKeys<LinearOptions>): Provider {
  return defineProvider(
    {
      ...hmacDefinition({
        name: 'linear',
        retryHorizon: '3d',
        secrets: toList(options.secret, 'linear: secret'),
        algorithm: 'sha256',
        encoding: 'hex',
        header: 'Linear-Signature',
        format: prefixedFormat(''),
        signedContent: '{body}',
        idHeader: ['Linear-Delivery'],
        parse(verified) {
          const payload = parseJson(verified.raw, 'linear')
          const type = fieldAt(payload, 'type')
          const action = fieldAt(payload, 'action')
          return {
            payload,
            id: verified.id,
            type: type && action ? `${type}.${action}` : (type ?? untypedEventType),
          }
        },
      }),
      signs: { timestamp: true, id: false },
      bodyTimestamp,
      tolerance: '60s',
    },
    options,
  )
}

function bodyTimestamp(body: Uint8Array): number {
  const at = (parseJson(body, 'linear') as { webhookTimestamp?: unknown } | null)?.webhookTimestamp
  if (typeof at !== 'number' || !Number.isSafeInteger(at) || at < 0)
    throw malformedPayload('linear', 'has no webhookTimestamp (unix milliseconds)')
  return at
}
