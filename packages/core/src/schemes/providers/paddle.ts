import { defineProvider } from '../engine.js'
import { hmacDefinition } from '../hmac-definition.js'
import { type Keys, placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import type { CommonProviderOptions, Provider } from '../scheme.js'
import { timestampedFormat } from '../signature-list.js'
import { toList } from '../verifiers.js'
import { parseJsonFields } from './fields.js'

export interface PaddleOptions extends CommonProviderOptions {
  /**
   * The notification destination's secret key (Paddle > Developer tools > Notifications). An array while
   * rotating: Paddle then sends one `h1` per active key, and any may match.
   */
  secret: Keys<string>
}

/**
 * Paddle Billing: `Paddle-Signature: ts=<unix>;h1=<hex>[;h1=<hex>...]`, HMAC-SHA256 of `{ts}:{body}`.
 * Every `h1` is tried (Paddle's SDK keeps only the last one), and the timestamp must be within `tolerance`
 * both ways (the SDK looks only backwards). `id` is the payload's `event_id`, `type` its `event_type`.
 * Live accounts retry up to 60 times over 3 days.
 *
 * `tolerance` defaults to 5 s, as Paddle's docs and SDK check: raise it if your clock drifts.
 */
export function paddle(options: PaddleOptions): Provider {
  return resolvingKeys(options, paddleWith, { secret: placeholderSecret })
}

/** `paddle` with fixed keys. */
function paddleWith(options: StaticKeys<PaddleOptions>): Provider {
  return defineProvider(
    {
      ...hmacDefinition({
        name: 'paddle',
        retryHorizon: '3d',
        secrets: toList(options.secret, 'paddle: secret'),
        algorithm: 'sha256',
        encoding: 'hex',
        header: 'Paddle-Signature',
        format: timestampedFormat('ts', ';'),
        version: 'h1',
        signedContent: '{timestamp}:{body}',
        parse: parseJsonFields('paddle', { id: 'event_id', type: 'event_type' }),
      }),
      tolerance: '5s',
    },
    options,
  )
}
