import { readHeaders } from '../../request.js'
import { defineProvider } from '../engine.js'
import { type Keys, placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import { fieldAt } from '../providers/fields.js'
import type { CommonProviderOptions, Provider } from '../scheme.js'
import { tokenDefinition } from '../signers/token-definition.js'
import { toList } from '../verifiers.js'
import { jsonReply, methodOf } from './replies.js'

export interface OktaOptions extends CommonProviderOptions {
  /**
   * The value Okta sends in the authentication header, which Okta calls the Authentication secret (Admin
   * Console > Workflow > Event Hooks > your hook), compared whole and in constant time. An array while
   * rotating.
   */
  secret: Keys<string>
  /**
   * The header Okta sends it in, which Okta calls the Authentication field.
   * @default 'Authorization'
   */
  header?: string
}

const challengeHeader = 'x-okta-verification-challenge'

/**
 * Okta event hooks: Okta signs nothing; it sends the secret you chose in the header you chose, compared
 * whole in constant time. Verifying the hook sends a GET with `X-Okta-Verification-Challenge`; when the
 * header carries the secret too, it is answered 200 `{"verification": "<the challenge>"}`.
 *
 * A delivery carries several events in `data.events[]`: each becomes its own event, deduplicated on its
 * `uuid`, of its `eventType` (`user.session.start`). A delivery without events is one event, `id` its
 * `eventId`. Okta retries a delivery once, when no answer came within 3 seconds: the dedup window
 * defaults to 1 hour.
 */
export function okta(options: OktaOptions): Provider {
  return resolvingKeys(options, oktaWith, { secret: placeholderSecret })
}

/** `okta` with fixed keys. */
function oktaWith(options: StaticKeys<OktaOptions>): Provider {
  const provider = defineProvider(
    {
      ...tokenDefinition({
        name: 'okta',
        retryHorizon: '1h',
        keyOptions: 'secret',
        header: options.header ?? 'Authorization',
        credentials: toList(options.secret, 'okta: secret'),
        id: ({ payload }) => fieldAt(payload, 'eventId'),
        type: ({ payload }) => fieldAt(payload, 'eventType'),
      }),
      split(payload) {
        const events = (payload as { data?: { events?: unknown } } | null)?.data?.events
        if (!Array.isArray(events) || events.length === 0) return undefined
        return events.map((item: unknown) => ({
          payload: item,
          id: fieldAt(item, 'uuid'),
          type: fieldAt(item, 'eventType') ?? 'okta.event',
        }))
      },
      methods: ['GET'],
    },
    options,
  )
  return {
    ...provider,
    async handshake(request) {
      const challenge =
        methodOf(request) === 'GET' ? readHeaders(request.headers)[challengeHeader] : undefined
      if (challenge === undefined) return undefined
      await provider.verify(request)
      return jsonReply({ verification: challenge })
    },
  }
}
