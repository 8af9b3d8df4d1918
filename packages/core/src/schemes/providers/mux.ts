import { defineProvider } from '../engine.js'
import { hmacDefinition } from '../hmac-definition.js'
import { type Keys, placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import type { CommonProviderOptions, Provider } from '../scheme.js'
import { timestampedFormat } from '../signature-list.js'
import { toList } from '../verifiers.js'
import { parseJsonFields } from './fields.js'

export interface MuxOptions extends CommonProviderOptions {
  /** The webhook's signing secret (Mux dashboard > Settings > Webhooks). An array while rotating. */
  secret: Keys<string>
}

/**
 * Mux: `Mux-Signature: t=<unix>,v1=<hex>`, HMAC-SHA256 of `{t}.{body}` (Stripe's scheme), fresh within
 * `tolerance` (5 min, as Mux's SDK) both ways. `id` and `type` are the payload's (`video.asset.ready`).
 * Mux documents no retry horizon: the dedup window defaults to 3 days, hookgate's conservative choice.
 */
export function mux(options: MuxOptions): Provider {
  return resolvingKeys(options, muxWith, { secret: placeholderSecret })
}

/** `mux` with fixed keys. */
function muxWith(options: StaticKeys<MuxOptions>): Provider {
  return defineProvider(
    hmacDefinition({
      name: 'mux',
      retryHorizon: '3d',
      secrets: toList(options.secret, 'mux: secret'),
      algorithm: 'sha256',
      encoding: 'hex',
      header: 'Mux-Signature',
      format: timestampedFormat('t', ','),
      version: 'v1',
      signedContent: '{timestamp}.{body}',
      parse: parseJsonFields('mux', { id: 'id', type: 'type' }),
    }),
    options,
  )
}
