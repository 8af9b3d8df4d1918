import { placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import type { Provider } from '../scheme.js'
import { plainHmac, type SecretOptions } from './plain-hmac.js'

/** `secret`: the shared secret (Settings > Webhook subscriptions). */
export type CoinbaseCommerceOptions = SecretOptions

/**
 * Coinbase Commerce: `X-CC-Webhook-Signature`, hex HMAC-SHA256 of the body; nothing timestamped. `id` and
 * `type` are the inner event's (`event.id`, `event.type`: `charge:confirmed`). The dedup window
 * defaults to 3 days (retries are undocumented).
 */
export function coinbaseCommerce(options: CoinbaseCommerceOptions): Provider {
  return resolvingKeys(options, coinbaseCommerceWith, { secret: placeholderSecret })
}

/** `coinbaseCommerce` with fixed keys. */
function coinbaseCommerceWith(options: StaticKeys<CoinbaseCommerceOptions>): Provider {
  return plainHmac(
    {
      name: 'coinbase-commerce',
      retryHorizon: '3d',
      header: 'X-CC-Webhook-Signature',
      algorithm: 'sha256',
      encoding: 'hex',
      fields: { id: 'event.id', type: 'event.type' },
    },
    options,
  )
}
