import { placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import type { Provider } from '../scheme.js'
import { plainHmac, type SecretOptions } from './plain-hmac.js'

/** `secret`: the webhook's secret (Repository settings > Webhooks). */
export type BitbucketOptions = SecretOptions

/**
 * Bitbucket Cloud and Data Center: `X-Hub-Signature: sha256=<hex>` of the body; nothing timestamped. `id`
 * is `X-Request-UUID` (Cloud) or `X-Request-Id` (Data Center), `type` is `X-Event-Key` (`repo:push`).
 * The dedup window defaults to 3 days (retries are undocumented).
 */
export function bitbucket(options: BitbucketOptions): Provider {
  return resolvingKeys(options, bitbucketWith, { secret: placeholderSecret })
}

/** `bitbucket` with fixed keys. */
function bitbucketWith(options: StaticKeys<BitbucketOptions>): Provider {
  return plainHmac(
    {
      name: 'bitbucket',
      retryHorizon: '3d',
      header: 'X-Hub-Signature',
      prefix: 'sha256=',
      algorithm: 'sha256',
      encoding: 'hex',
      idHeader: ['X-Request-UUID', 'X-Request-Id'],
      typeHeader: 'X-Event-Key',
      fields: {},
    },
    options,
  )
}
