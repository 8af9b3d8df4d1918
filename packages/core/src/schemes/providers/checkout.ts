import { placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import type { Provider } from '../scheme.js'
import { plainHmac, type SecretOptions } from './plain-hmac.js'

/** `secret`: the workflow's signature key (Dashboard > Workflows > webhook action). */
export type CheckoutOptions = SecretOptions

/**
 * Checkout.com: `Cko-Signature`, hex HMAC-SHA256 of the body; nothing timestamped. `id` (`evt_...`) and
 * `type` (`payment_approved`) are the payload's. The dedup window defaults to 3 days (retries are
 * undocumented).
 */
export function checkout(options: CheckoutOptions): Provider {
  return resolvingKeys(options, checkoutWith, { secret: placeholderSecret })
}

/** `checkout` with fixed keys. */
function checkoutWith(options: StaticKeys<CheckoutOptions>): Provider {
  return plainHmac(
    {
      name: 'checkout',
      retryHorizon: '3d',
      header: 'Cko-Signature',
      algorithm: 'sha256',
      encoding: 'hex',
      fields: { id: 'id', type: 'type' },
    },
    options,
  )
}
