import type { Provider } from '../scheme.js'
import { type StandardWebhooksPresetOptions, standardWebhooksPreset } from '../standard-webhooks.js'

export interface SupabaseOptions extends StandardWebhooksPresetOptions {
  /**
   * The hook's secret as the Supabase dashboard shows it, `v1,whsec_...` (Authentication > Hooks > your
   * HTTP hook), or without its `v1,`. An array while rotating, or a resolver of the request.
   */
  secret: NonNullable<StandardWebhooksPresetOptions['secret']>
}

/**
 * Supabase Auth hooks (HTTP): Standard Webhooks with `webhook-id`, `webhook-timestamp` and
 * `webhook-signature`. The dashboard writes the secret as `v1,whsec_...`, the version first; `v1,` is
 * dropped. `id` is `webhook-id`; the body names no type (`webhook` unless it has a `type`), so give each
 * hook its own endpoint. Auth calls a hook while a user waits and retries only within that call: the dedup
 * window defaults to 1 hour. Database webhooks are not signed: use `token()` with a header you set.
 */
export function supabase(options: SupabaseOptions): Provider {
  return standardWebhooksPreset(
    {
      name: 'supabase',
      retryHorizon: '1h',
      typeField: 'type',
      readSecret: (key) => (typeof key === 'string' && key.startsWith('v1,') ? key.slice(3) : key),
    },
    options,
  )
}
