import { placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import type { Provider } from '../scheme.js'
import { joinedFields } from './fields.js'
import { plainHmac, type SecretOptions } from './plain-hmac.js'

/** `secret`: the webhook's signing secret (Settings > Webhooks). */
export type LemonSqueezyOptions = SecretOptions

/**
 * Lemon Squeezy: `X-Signature`, hex HMAC-SHA256 of the body; nothing timestamped. Lemon Squeezy sends no
 * event id: `id` is `meta.event_name`, `data.type`, `data.id` and `data.attributes.updated_at` joined, so
 * a retry (same body) is a duplicate while a later update of the same object is not. `type` is
 * `meta.event_name` (`order_created`). The dedup window defaults to 3 days (retries are undocumented).
 */
export function lemonSqueezy(options: LemonSqueezyOptions): Provider {
  return resolvingKeys(options, lemonSqueezyWith, { secret: placeholderSecret })
}

/** `lemonSqueezy` with fixed keys. */
function lemonSqueezyWith(options: StaticKeys<LemonSqueezyOptions>): Provider {
  return plainHmac(
    {
      name: 'lemon-squeezy',
      retryHorizon: '3d',
      header: 'X-Signature',
      algorithm: 'sha256',
      encoding: 'hex',
      fields: {
        id: joinedFields('meta.event_name', 'data.type', 'data.id', 'data.attributes.updated_at'),
        type: 'meta.event_name',
      },
    },
    options,
  )
}
