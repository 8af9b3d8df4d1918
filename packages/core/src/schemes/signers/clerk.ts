import type { Provider } from '../scheme.js'
import { type StandardWebhooksPresetOptions, standardWebhooksPreset } from '../standard-webhooks.js'

export interface ClerkOptions extends StandardWebhooksPresetOptions {
  /**
   * The endpoint's Signing Secret, `whsec_...` (Clerk Dashboard > Webhooks > your endpoint). An array
   * while rotating, or a resolver of the request.
   */
  secret: NonNullable<StandardWebhooksPresetOptions['secret']>
}

/**
 * Clerk: Standard Webhooks sent by Svix, with `svix-id`, `svix-timestamp` and `svix-signature` (`webhook-*`
 * accepted too). `id` is `svix-id`, `type` the payload's `type` (`user.created`). Svix retries for about
 * 28 hours (immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h): the dedup window defaults to 2 days.
 */
export function clerk(options: ClerkOptions): Provider {
  return standardWebhooksPreset(
    { name: 'clerk', retryHorizon: '2d', typeField: 'type' },
    { ...options, headerPrefix: 'svix' },
  )
}
