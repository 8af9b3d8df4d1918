import { placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import type { Provider } from '../scheme.js'
import { plainHmac, type SecretOptions } from './plain-hmac.js'

/** `secret`: the app's client secret (Developer Hub > your app > Basic information). */
export type IntercomOptions = SecretOptions

/**
 * Intercom: `X-Hub-Signature: sha1=<hex>`, HMAC-SHA1 of the body; nothing timestamped. `id` is the
 * notification's `id` (`notif_...`), `type` its `topic` (`conversation.user.created`). The dedup window
 * defaults to 3 days (retries are undocumented).
 */
export function intercom(options: IntercomOptions): Provider {
  return resolvingKeys(options, intercomWith, { secret: placeholderSecret })
}

/** `intercom` with fixed keys. */
function intercomWith(options: StaticKeys<IntercomOptions>): Provider {
  return plainHmac(
    {
      name: 'intercom',
      retryHorizon: '3d',
      header: 'X-Hub-Signature',
      prefix: 'sha1=',
      algorithm: 'sha1',
      encoding: 'hex',
      fields: { id: 'id', type: 'topic' },
    },
    options,
  )
}
