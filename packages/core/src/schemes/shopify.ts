import { defineProvider } from './engine.js'
import { hmacDefinition } from './hmac-definition.js'
import { type Keys, placeholderSecret, resolvingKeys, type StaticKeys } from './key-resolver.js'
import { parseJson } from './payload.js'
import type { CommonProviderOptions, Provider } from './scheme.js'
import { prefixedFormat } from './signature-list.js'
import { toList } from './verifiers.js'

export interface ShopifyOptions extends CommonProviderOptions {
  /** The app's client secret (or the store's webhook signing key). An array while rotating. */
  secret: Keys<string>
}

/**
 * Shopify: `X-Shopify-Hmac-Sha256`, base64 HMAC-SHA256 of the body. No timestamp is signed
 * (`X-Shopify-Triggered-At` is not), so dedup is the replay defence. `id` is `X-Shopify-Webhook-Id`
 * (same on every retry of a delivery), else `X-Shopify-Event-Id`; `type` is `X-Shopify-Topic`
 * (`orders/create`). Shopify retries over 4 hours (48 before September 2024); the horizon stays 48 h
 * because with no signed timestamp the dedup window it sets is the only replay defence.
 */
export function shopify(options: ShopifyOptions): Provider {
  return resolvingKeys(options, shopifyWith, { secret: placeholderSecret })
}

/** `shopify` with fixed keys. */
function shopifyWith(options: StaticKeys<ShopifyOptions>): Provider {
  return defineProvider(
    hmacDefinition({
      name: 'shopify',
      retryHorizon: '48h',
      secrets: toList(options.secret, 'shopify: secret'),
      algorithm: 'sha256',
      encoding: 'base64',
      header: 'X-Shopify-Hmac-Sha256',
      format: prefixedFormat(''),
      signedContent: '{body}',
      idHeader: ['X-Shopify-Webhook-Id', 'X-Shopify-Event-Id'],
      typeHeader: 'X-Shopify-Topic',
      parse: (verified) => ({
        payload: parseJson(verified.raw, 'shopify'),
        id: verified.id,
        type: verified.type!,
      }),
    }),
    options,
  )
}
