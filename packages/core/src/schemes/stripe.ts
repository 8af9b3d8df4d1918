import { defineProvider } from './engine.js'
import { malformedHeader, malformedPayload } from './failures.js'
import { hmacDefinition } from './hmac-definition.js'
import { parseJson, stringField } from './payload.js'
import type { CommonProviderOptions, Provider } from './scheme.js'
import { commasOrSpaces, readVersioned, type SignatureEntry, type SignatureFormat } from './signature-list.js'
import { type OneOrMany, toList } from './verifiers.js'

export interface StripeOptions extends CommonProviderOptions {
  /**
   * The endpoint's signing secret, `whsec_...` (Dashboard > Webhooks, or `stripe listen`), used as is:
   * its UTF-8 bytes are the key. An array while rotating: Stripe then sends one `v1=` per secret.
   */
  secret: OneOrMany<string>
}

/**
 * `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>...]`: every `v1` is tried; `v0` and unknown schemes are
 * ignored; exactly one `t`.
 */
const stripeFormat: SignatureFormat = {
  read(value, header) {
    let timestamp: string | undefined
    const entries: SignatureEntry[] = []
    for (const entry of readVersioned(value, commasOrSpaces, '=', header)) {
      if (entry.version !== 't') entries.push(entry)
      else if (timestamp === undefined) timestamp = entry.value
      else throw malformedHeader(header, 'has more than one t= timestamp')
    }
    if (timestamp === undefined) throw malformedHeader(header, 'has no t= timestamp')
    return { entries, timestamp }
  },
  write: (entries, timestamp) =>
    [`t=${timestamp}`, ...entries.map((entry) => `${entry.version}=${entry.value}`)].join(','),
}

/**
 * Stripe: HMAC-SHA256 of `{t}.{body}`, fresh within `tolerance` both ways (Stripe's library checks only
 * the past). `id` and `type` are the event's own. Stripe retries for up to 3 days.
 */
export function stripe(options: StripeOptions): Provider {
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
