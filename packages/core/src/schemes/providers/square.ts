import { defineProvider } from '../engine.js'
import { hmacDefinition } from '../hmac-definition.js'
import { type Keys, placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import type { CommonProviderOptions, Provider } from '../scheme.js'
import { prefixedFormat } from '../signature-list.js'
import { absoluteUrl } from '../signed-content.js'
import { toList } from '../verifiers.js'
import { parseJsonFields } from './fields.js'

export interface SquareOptions extends CommonProviderOptions {
  /**
   * The subscription's signature key (Developer Console > Webhooks > Subscriptions). An array while
   * rotating.
   */
  secret: Keys<string>
  /**
   * The notification URL exactly as configured in the subscription: Square signs it, not the URL the
   * request reached (behind a proxy they differ).
   * @default the absolute `request.url`
   */
  notificationUrl?: string
}

/**
 * Square: `x-square-hmacsha256-signature`, base64 HMAC-SHA256 of the notification URL followed by the
 * body. Nothing is timestamped: dedup on the payload's `event_id` is the replay defence. `type` is the
 * payload's `type` (`payment.updated`). Square retries for up to 72 hours. The legacy SHA-1
 * `x-square-signature` is not read.
 */
export function square(options: SquareOptions): Provider {
  return resolvingKeys(options, squareWith, { secret: placeholderSecret })
}

/** `square` with fixed keys. */
function squareWith(options: StaticKeys<SquareOptions>): Provider {
  const { notificationUrl } = options
  if (notificationUrl !== undefined) absoluteNotificationUrl(notificationUrl)
  return defineProvider(
    {
      ...hmacDefinition({
        name: 'square',
        retryHorizon: '72h',
        secrets: toList(options.secret, 'square: secret'),
        algorithm: 'sha256',
        encoding: 'base64',
        header: 'x-square-hmacsha256-signature',
        format: prefixedFormat(''),
        signedContent: (fields) => [notificationUrl ?? absoluteUrl(fields.url), fields.body],
        parse: parseJsonFields('square', { id: 'event_id', type: 'type' }),
      }),
      signatureHint:
        'Square signs the notification URL of the subscription: set notificationUrl to it exactly. ',
    },
    options,
  )
}

function absoluteNotificationUrl(url: string): void {
  if (!/^https?:\/\/./i.test(url))
    throw new TypeError(`square: notificationUrl must be the absolute URL Square calls, got ${url}`)
}
