import type { Provider } from '../scheme.js'
import { type StandardWebhooksPresetOptions, standardWebhooksPreset } from '../standard-webhooks.js'

export interface ReplicateOptions extends StandardWebhooksPresetOptions {
  /**
   * The account's webhook signing secret, `whsec_...` (`GET /v1/webhooks/default/secret`). An array while
   * rotating, or a resolver of the request.
   */
  secret: NonNullable<StandardWebhooksPresetOptions['secret']>
}

/**
 * Replicate: Standard Webhooks with `webhook-id`, `webhook-timestamp` and `webhook-signature`. The body is a
 * prediction: `id` is `webhook-id` (each webhook of one prediction has its own), `type` the prediction's
 * `status` (`starting`, `processing`, `succeeded`, `failed`, `canceled`). Replicate's own helper never checks
 * the timestamp; this one does, both ways. Replicate retries only the final webhook, for about a minute:
 * the dedup window defaults to 1 hour.
 */
export function replicate(options: ReplicateOptions): Provider {
  return standardWebhooksPreset({ name: 'replicate', retryHorizon: '1h', typeField: 'status' }, options)
}
