import type { Provider } from '../scheme.js'
import { type StandardWebhooksPresetOptions, standardWebhooksPreset } from '../standard-webhooks.js'

export interface OpenAIOptions extends StandardWebhooksPresetOptions {
  /**
   * The endpoint's signing secret, `whsec_...` (platform.openai.com > Settings > Project > Webhooks). An
   * array while rotating, or a resolver of the request.
   */
  secret: NonNullable<StandardWebhooksPresetOptions['secret']>
}

/**
 * OpenAI: Standard Webhooks with `webhook-id`, `webhook-timestamp` and `webhook-signature`. `id` is
 * `webhook-id`, `type` the payload's `type` (`response.completed`, `batch.completed`). OpenAI retries with
 * exponential backoff for up to 72 hours: the dedup window defaults to 3 days.
 */
export function openai(options: OpenAIOptions): Provider {
  return standardWebhooksPreset({ name: 'openai', retryHorizon: '3d', typeField: 'type' }, options)
}
