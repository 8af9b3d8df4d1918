import { placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import type { Provider } from '../scheme.js'
import { plainHmac, type SecretOptions } from './plain-hmac.js'

/** `secret`: the webhook's secret (WooCommerce > Settings > Advanced > Webhooks). */
export type WooCommerceOptions = SecretOptions

/**
 * WooCommerce: `X-WC-Webhook-Signature`, base64 HMAC-SHA256 of the body; nothing timestamped. `id` is
 * `X-WC-Webhook-Delivery-ID`, `type` is `X-WC-Webhook-Topic` (`order.created`). WooCommerce does not
 * retry (it disables a webhook after 5 failures): the dedup window defaults to 1 day, for redeliveries.
 */
export function woocommerce(options: WooCommerceOptions): Provider {
  return resolvingKeys(options, woocommerceWith, { secret: placeholderSecret })
}

/** `woocommerce` with fixed keys. */
function woocommerceWith(options: StaticKeys<WooCommerceOptions>): Provider {
  return plainHmac(
    {
      name: 'woocommerce',
      retryHorizon: '1d',
      header: 'X-WC-Webhook-Signature',
      algorithm: 'sha256',
      encoding: 'base64',
      idHeader: ['X-WC-Webhook-Delivery-ID'],
      typeHeader: 'X-WC-Webhook-Topic',
      fields: {},
    },
    options,
  )
}
