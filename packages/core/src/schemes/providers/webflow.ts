import { defineProvider } from '../engine.js'
import { hmacDefinition } from '../hmac-definition.js'
import { placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import type { Provider } from '../scheme.js'
import { prefixedFormat } from '../signature-list.js'
import { toList } from '../verifiers.js'
import { joinedFields, parseJsonFields } from './fields.js'
import type { SecretOptions } from './plain-hmac.js'

/** `secret`: the webhook's secret, or the OAuth app's client secret for webhooks an app created. */
export type WebflowOptions = SecretOptions

/**
 * Webflow: `x-webflow-signature`, hex HMAC-SHA256 of `{x-webflow-timestamp}:{body}` with the timestamp in
 * unix ms, fresh within `tolerance` both ways (5 min, as Webflow's docs ask; its SDK checks no age).
 * Webflow sends no event id: `id` is `triggerType` and `payload.id` joined. `type` is `triggerType`
 * (`form_submission`). The dedup window defaults to 3 days (retries are undocumented).
 */
export function webflow(options: WebflowOptions): Provider {
  return resolvingKeys(options, webflowWith, { secret: placeholderSecret })
}

/** `webflow` with fixed keys. */
function webflowWith(options: StaticKeys<WebflowOptions>): Provider {
  return defineProvider(
    {
      ...hmacDefinition({
        name: 'webflow',
        retryHorizon: '3d',
        secrets: toList(options.secret, 'webflow: secret'),
        algorithm: 'sha256',
        encoding: 'hex',
        header: 'x-webflow-signature',
        format: prefixedFormat(''),
        signedContent: '{timestamp}:{body}',
        timestampHeader: 'x-webflow-timestamp',
        parse: parseJsonFields('webflow', {
          id: joinedFields('triggerType', 'payload.id'),
          type: 'triggerType',
        }),
      }),
      timestampFormat: 'milliseconds',
    },
    options,
  )
}
