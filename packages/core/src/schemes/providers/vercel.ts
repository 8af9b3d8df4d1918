import { placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import type { Provider } from '../scheme.js'
import { plainHmac, type SecretOptions } from './plain-hmac.js'

/** `secret`: the webhook's secret (Team Settings > Webhooks), or the integration's client secret. */
export type VercelOptions = SecretOptions

/**
 * Vercel: `x-vercel-signature`, hex HMAC-SHA1 of the body; nothing timestamped. `id` and `type` are the
 * payload's (`deployment.created`). The dedup window defaults to 3 days (retries are undocumented).
 */
export function vercel(options: VercelOptions): Provider {
  return resolvingKeys(options, vercelWith, { secret: placeholderSecret })
}

/** `vercel` with fixed keys. */
function vercelWith(options: StaticKeys<VercelOptions>): Provider {
  return plainHmac(
    {
      name: 'vercel',
      retryHorizon: '3d',
      header: 'x-vercel-signature',
      algorithm: 'sha1',
      encoding: 'hex',
      fields: { id: 'id', type: 'type' },
    },
    options,
  )
}
