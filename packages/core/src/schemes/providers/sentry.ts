import { placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import type { Provider } from '../scheme.js'
import { plainHmac, type SecretOptions } from './plain-hmac.js'

/** `secret`: the integration's client secret (Settings > Developer Settings > your integration). */
export type SentryOptions = SecretOptions

/**
 * Sentry integration platform: `Sentry-Hook-Signature`, hex HMAC-SHA256 of the body; the
 * `Sentry-Hook-Timestamp` header is not signed and not read. `id` is `Request-ID`; `type` is
 * `Sentry-Hook-Resource` and the payload's `action` (`issue.created`). The dedup window defaults to 3
 * days (retries are undocumented).
 */
export function sentry(options: SentryOptions): Provider {
  return resolvingKeys(options, sentryWith, { secret: placeholderSecret })
}

/** `sentry` with fixed keys. */
function sentryWith(options: StaticKeys<SentryOptions>): Provider {
  return plainHmac(
    {
      name: 'sentry',
      retryHorizon: '3d',
      header: 'Sentry-Hook-Signature',
      algorithm: 'sha256',
      encoding: 'hex',
      idHeader: ['Request-ID'],
      typeHeader: 'Sentry-Hook-Resource',
      action: 'action',
      fields: {},
    },
    options,
  )
}
