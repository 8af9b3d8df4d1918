import { placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import type { Provider } from '../scheme.js'
import { plainHmac, type SecretOptions } from './plain-hmac.js'

/** `secret`: the webhook's signing secret (Dashboard > Developers > Webhooks). */
export type MollieOptions = SecretOptions

/**
 * Mollie next-generation webhooks: `X-Mollie-Signature: sha256=<hex>`, HMAC-SHA256 of the body; nothing
 * timestamped. `id` and `type` are the payload's (`payment-link.paid`). Classic Mollie webhooks are
 * unsigned (an id to fetch) and are not this provider. The dedup window defaults to 3 days (retries are
 * undocumented).
 */
export function mollie(options: MollieOptions): Provider {
  return resolvingKeys(options, mollieWith, { secret: placeholderSecret })
}

/** `mollie` with fixed keys. */
function mollieWith(options: StaticKeys<MollieOptions>): Provider {
  return plainHmac(
    {
      name: 'mollie',
      retryHorizon: '3d',
      header: 'X-Mollie-Signature',
      prefix: 'sha256=',
      algorithm: 'sha256',
      encoding: 'hex',
      fields: { id: 'id', type: 'type' },
    },
    options,
  )
}
