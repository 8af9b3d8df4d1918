import type { Provider } from '../scheme.js'
import { type StandardWebhooksPresetOptions, standardWebhooksPreset } from '../standard-webhooks.js'

export interface ResendOptions extends StandardWebhooksPresetOptions {
  /**
   * The webhook's signing secret, `whsec_...` (Resend > Webhooks > your webhook). An array while rotating,
   * or a resolver of the request.
   */
  secret: NonNullable<StandardWebhooksPresetOptions['secret']>
}

/**
 * Resend: Standard Webhooks sent by Svix, with `svix-id`, `svix-timestamp` and `svix-signature` (`webhook-*`
 * accepted too). `id` is `svix-id`, `type` the payload's `type` (`email.delivered`). Resend retries on
 * Svix's schedule, about 28 hours: the dedup window defaults to 2 days.
 */
export function resend(options: ResendOptions): Provider {
  return standardWebhooksPreset(
    { name: 'resend', retryHorizon: '2d', typeField: 'type' },
    { ...options, headerPrefix: 'svix' },
  )
}
