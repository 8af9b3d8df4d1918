import { defineProvider } from '../engine.js'
import { hmacDefinition } from '../hmac-definition.js'
import { placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import type { Provider } from '../scheme.js'
import { timestampedFormat } from '../signature-list.js'
import { toList } from '../verifiers.js'
import { joinedFields, parseJsonFields } from './fields.js'
import type { SecretOptions } from './plain-hmac.js'

/** `secret`: the webhook subscription's signing key (set when creating it through the API). */
export type CalendlyOptions = SecretOptions

/**
 * Calendly: `Calendly-Webhook-Signature: t=<unix>,v1=<hex>`, HMAC-SHA256 of `{t}.{body}`, fresh within
 * `tolerance` both ways (3 min by default, Calendly's recommendation). Calendly sends no event id: `id`
 * is the payload's `event` and `payload.uri` joined (one invitee's `invitee.created` is one event). `type`
 * is `event`. The dedup window defaults to 3 days (retries are undocumented).
 */
export function calendly(options: CalendlyOptions): Provider {
  return resolvingKeys(options, calendlyWith, { secret: placeholderSecret })
}

/** `calendly` with fixed keys. */
function calendlyWith(options: StaticKeys<CalendlyOptions>): Provider {
  return defineProvider(
    {
      ...hmacDefinition({
        name: 'calendly',
        retryHorizon: '3d',
        secrets: toList(options.secret, 'calendly: secret'),
        algorithm: 'sha256',
        encoding: 'hex',
        header: 'Calendly-Webhook-Signature',
        format: timestampedFormat('t', ','),
        version: 'v1',
        signedContent: '{timestamp}.{body}',
        parse: parseJsonFields('calendly', { id: joinedFields('event', 'payload.uri'), type: 'event' }),
      }),
      tolerance: '3m',
    },
    options,
  )
}
