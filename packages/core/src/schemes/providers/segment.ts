import { placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import type { Provider } from '../scheme.js'
import { plainHmac, type SecretOptions } from './plain-hmac.js'

/** `secret`: the destination's shared secret (Connections > Destinations > Webhooks > Settings). */
export type SegmentOptions = SecretOptions

/**
 * Segment (webhook destination): `X-Signature`, hex HMAC-SHA1 of the body; nothing timestamped. `id` is the
 * payload's `messageId`, `type` its `type` (`track`, `identify`). The dedup window defaults to 3 days
 * (retries are undocumented).
 */
export function segment(options: SegmentOptions): Provider {
  return resolvingKeys(options, segmentWith, { secret: placeholderSecret })
}

/** `segment` with fixed keys. */
function segmentWith(options: StaticKeys<SegmentOptions>): Provider {
  return plainHmac(
    {
      name: 'segment',
      retryHorizon: '3d',
      header: 'X-Signature',
      algorithm: 'sha1',
      encoding: 'hex',
      fields: { id: 'messageId', type: 'type' },
    },
    options,
  )
}
