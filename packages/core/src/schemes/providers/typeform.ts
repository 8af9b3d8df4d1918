import { placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import type { Provider } from '../scheme.js'
import { plainHmac, type SecretOptions } from './plain-hmac.js'

/** `secret`: the webhook's secret (Connect > Webhooks > Edit). */
export type TypeformOptions = SecretOptions

/**
 * Typeform: `Typeform-Signature: sha256=<base64>`, HMAC-SHA256 of the body; nothing timestamped. `id` is
 * the payload's `event_id`, `type` its `event_type` (`form_response`). The dedup window defaults to 3
 * days (retries are undocumented).
 */
export function typeform(options: TypeformOptions): Provider {
  return resolvingKeys(options, typeformWith, { secret: placeholderSecret })
}

/** `typeform` with fixed keys. */
function typeformWith(options: StaticKeys<TypeformOptions>): Provider {
  return plainHmac(
    {
      name: 'typeform',
      retryHorizon: '3d',
      header: 'Typeform-Signature',
      prefix: 'sha256=',
      algorithm: 'sha256',
      encoding: 'base64',
      fields: { id: 'event_id', type: 'event_type' },
    },
    options,
  )
}
