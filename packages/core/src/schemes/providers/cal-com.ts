import { placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import type { Provider } from '../scheme.js'
import { joinedFields } from './fields.js'
import { plainHmac, type SecretOptions } from './plain-hmac.js'

/** `secret`: the webhook's secret (Settings > Developer > Webhooks). */
export type CalComOptions = SecretOptions

/**
 * Cal.com: `X-Cal-Signature-256`, hex HMAC-SHA256 of the body; nothing timestamped. Cal.com sends no
 * event id: `id` is `triggerEvent`, `createdAt` and the booking's `payload.uid` joined (a retry resends
 * them unchanged). `type` is `triggerEvent` (`BOOKING_CREATED`). The dedup window defaults to 3 days
 * (retries are undocumented).
 */
export function calCom(options: CalComOptions): Provider {
  return resolvingKeys(options, calComWith, { secret: placeholderSecret })
}

/** `calCom` with fixed keys. */
function calComWith(options: StaticKeys<CalComOptions>): Provider {
  return plainHmac(
    {
      name: 'cal-com',
      retryHorizon: '3d',
      header: 'X-Cal-Signature-256',
      algorithm: 'sha256',
      encoding: 'hex',
      fields: { id: joinedFields('triggerEvent', 'createdAt', 'payload.uid'), type: 'triggerEvent' },
    },
    options,
  )
}
