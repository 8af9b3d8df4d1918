import { defineProvider } from './engine.js'
import { malformedPayload } from './failures.js'
import { hmacDefinition } from './hmac-definition.js'
import { type Keys, placeholderSecret, resolvingKeys, type StaticKeys } from './key-resolver.js'
import { parseJson, stringField } from './payload.js'
import type { CommonProviderOptions, Provider } from './scheme.js'
import { timestampedFormat } from './signature-list.js'
import { toList } from './verifiers.js'

export interface StripeOptions extends CommonProviderOptions {
  /**
   * The endpoint's signing secret, `whsec_...` (Dashboard > Webhooks, or `stripe listen`), used as is:
   * its UTF-8 bytes are the key. An array while rotating: Stripe then sends one `v1=` per secret.
   */
  secret: Keys<string>
}

/** `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>...]`: every `v1` is tried, `v0` and unknown schemes ignored. */
const stripeFormat = timestampedFormat('t', ',')

/**
 * Stripe: HMAC-SHA256 of `{t}.{body}`, fresh within `tolerance` both ways (Stripe's library checks only
 * the past). `id` and `type` are the event's own. Stripe retries for up to 3 days.
 */
export function stripe(options: StripeOptions): Provider {
  return resolvingKeys(options, stripeWith, { secret: placeholderSecret })
}

/** `stripe` with fixed keys. */
function stripeWith(options: StaticKeys<StripeOptions>): Provider {
  return defineProvider(
    hmacDefinition({
      name: 'stripe',
      retryHorizon: '3d',
      secrets: toList(options.secret, 'stripe: secret'),
      algorithm: 'sha256',
      encoding: 'hex',
      header: 'Stripe-Signature',
      format: stripeFormat,
      version: 'v1',
      signedContent: '{timestamp}.{body}',
      parse(verified) {
        const payload = parseJson(verified.raw, 'stripe')
        const id = stringField(payload, 'id')
        const type = stringField(payload, 'type')
        if (id === undefined || type === undefined)
          throw malformedPayload('stripe', 'is not a Stripe event (no string id and type)')
        return { payload, id, type }
      },
    }),
    options,
  )
}
