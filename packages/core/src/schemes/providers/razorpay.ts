import { placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import type { Provider } from '../scheme.js'
import { plainHmac, type SecretOptions } from './plain-hmac.js'

/** `secret`: the webhook's secret, typed when creating it (Dashboard > Accounts & Settings > Webhooks). */
export type RazorpayOptions = SecretOptions

/**
 * Razorpay: `X-Razorpay-Signature`, hex HMAC-SHA256 of the body; nothing timestamped. `id` is the
 * `x-razorpay-event-id` header (the body carries none), `type` the payload's `event` (`payment.captured`).
 * Razorpay documents retries over 24 hours; the dedup window defaults to 3 days, a conservative margin.
 */
export function razorpay(options: RazorpayOptions): Provider {
  return resolvingKeys(options, razorpayWith, { secret: placeholderSecret })
}

/** `razorpay` with fixed keys. */
function razorpayWith(options: StaticKeys<RazorpayOptions>): Provider {
  return plainHmac(
    {
      name: 'razorpay',
      retryHorizon: '3d',
      header: 'X-Razorpay-Signature',
      algorithm: 'sha256',
      encoding: 'hex',
      idHeader: ['x-razorpay-event-id'],
      fields: { type: 'event' },
    },
    options,
  )
}
