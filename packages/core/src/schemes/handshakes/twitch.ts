import { defineProvider } from '../engine.js'
import { hmacDefinition } from '../hmac-definition.js'
import { type Keys, placeholderSecret, resolvingKeys, type StaticKeys } from '../key-resolver.js'
import { parseJson, stringField } from '../payload.js'
import type { CommonProviderOptions, Provider } from '../scheme.js'
import { prefixedFormat } from '../signature-list.js'
import { toList } from '../verifiers.js'
import { textReply } from './replies.js'

export interface TwitchOptions extends CommonProviderOptions {
  /** The subscription's shared secret, which Twitch calls the secret (`transport.secret` when subscribing). */
  secret: Keys<string>
}

const verification = 'webhook_callback_verification'

/**
 * Twitch EventSub webhooks: `Twitch-Eventsub-Message-Signature: sha256=<hex>`, HMAC-SHA256 of the message
 * id, the RFC 3339 timestamp and the body, concatenated; fresh within `tolerance`, which defaults to the
 * 10 minutes Twitch tells receivers to allow. `id` is `Twitch-Eventsub-Message-Id`.
 *
 * What a message is, is read from the signed body, not from the unsigned `Twitch-Eventsub-Message-Type`:
 * a `notification` (it has an `event`) is an event of its subscription type (`channel.follow`); a
 * `webhook_callback_verification` (it has a `challenge`) is verified, then answered 200 text/plain with
 * the challenge and never reaches handlers; a `revocation` (neither: the subscription is gone, its
 * `status` says why) is an event of type `revocation`, answered 2xx like any other, for handlers that
 * resubscribe. Twitch redelivers
 * at least once and revokes a subscription that keeps failing, documenting no horizon: the dedup window
 * defaults to 3 days, hookgate's conservative choice for undocumented senders.
 */
export function twitch(options: TwitchOptions): Provider {
  return resolvingKeys(options, twitchWith, { secret: placeholderSecret })
}

/** `twitch` with fixed keys. */
function twitchWith(options: StaticKeys<TwitchOptions>): Provider {
  return defineProvider(
    {
      ...hmacDefinition({
        name: 'twitch',
        retryHorizon: '3d',
        secrets: toList(options.secret, 'twitch: secret'),
        algorithm: 'sha256',
        encoding: 'hex',
        header: 'Twitch-Eventsub-Message-Signature',
        format: prefixedFormat('sha256='),
        signedContent: '{id}{timestamp}{body}',
        timestampHeader: 'Twitch-Eventsub-Message-Timestamp',
        idHeader: ['Twitch-Eventsub-Message-Id'],
        parse(verified) {
          const payload = parseJson(verified.raw, 'twitch')
          return { payload, id: verified.id, type: twitchType(payload) }
        },
      }),
      timestampFormat: 'rfc3339',
      tolerance: '10m',
      constantHeaders: { 'Twitch-Eventsub-Message-Type': 'notification' },
      reply(event) {
        if (event.type !== verification) return undefined
        return textReply(stringField(event.payload, 'challenge')!)
      },
    },
    options,
  )
}

/** The subscription's type for a notification; `webhook_callback_verification` or `revocation` otherwise. */
function twitchType(payload: unknown): string {
  const body = (payload ?? {}) as { event?: unknown; challenge?: unknown; subscription?: unknown }
  if (typeof body.challenge === 'string') return verification
  if (body.event === undefined) return 'revocation'
  return stringField(body.subscription, 'type') ?? 'notification'
}
