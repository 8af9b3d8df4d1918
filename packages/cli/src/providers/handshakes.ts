import { asana, dropbox, meta, notion, okta, twitch, x, zoom } from '@hookgate/core'
import type { ProviderProfile } from '../profile.js'
import { idAt } from './hmac-variants.js'
import { random } from './random.js'

const digits = (count: number) =>
  Array.from(crypto.getRandomValues(new Uint8Array(count)), (byte) => byte % 10).join('')
const uuid = () => crypto.randomUUID()

/**
 * The senders of `@hookgate/core`'s schemes/handshakes that sign a header. Their handshakes are the
 * sender's requests to answer, not deliveries to send. Mailgun, Adyen, Braintree and Microsoft Graph are
 * not here: their credential is inside the body, which `hookgate sign` (headers only) cannot hand to curl.
 * Where the sender gives no id (the id is the body's signature), the refresh writes the fresh id into a
 * field of the body, so every event is a new body.
 */
export const handshakeProfiles: readonly ProviderProfile[] = [
  {
    name: 'meta',
    secretHint: "the app's App Secret (App Dashboard > App settings > Basic)",
    // The verify token answers only the subscription GET, which the CLI does not send.
    provider: (secret) => meta({ secret, verifyToken: 'hookgate-cli' }),
    encoding: 'json',
    defaultType: 'page.feed',
    newId: () => `${digits(15)}_${digits(15)}`,
    refresh(payload, id, now) {
      const entry = (payload.entry as Record<string, unknown>[])[0]!
      entry.time = now
      const value = (entry.changes as { value: Record<string, unknown> }[])[0]!.value
      const messages = value.messages as Record<string, unknown>[] | undefined
      if (messages) messages[0]!.id = `wamid.${id}`
      else value.post_id = id
    },
  },
  {
    name: 'zoom',
    secretHint: "the app's Secret Token (App Marketplace > your app > Features > Access)",
    provider: (secret) => zoom({ secret }),
    encoding: 'json',
    defaultType: 'meeting.started',
    newId: () => `${random(11)}==`,
    refresh(payload, id, now) {
      payload.event_ts = now * 1000
      idAt('payload.object.uuid')!(payload, id, now)
    },
  },
  {
    name: 'twitch',
    secretHint: 'the secret you gave the EventSub subscription (transport.secret)',
    provider: (secret) => twitch({ secret }),
    encoding: 'json',
    defaultType: 'channel.follow',
    newId: uuid,
  },
  {
    name: 'x',
    secretHint: "the app's Consumer Secret (API Key Secret, developer portal > Keys and tokens)",
    provider: (secret) => x({ secret }),
    encoding: 'json',
    defaultType: 'favorite_events',
    newId: () => digits(19),
    refresh(payload, id) {
      const key = Object.keys(payload).find((name) => name.endsWith('_events'))!
      ;(payload[key] as Record<string, unknown>[])[0]!.id = id
    },
  },
  {
    name: 'dropbox',
    secretHint: "the app's App secret (App Console > your app > Settings)",
    provider: (secret) => dropbox({ secret }),
    encoding: 'json',
    defaultType: 'list_folder',
    newId: uuid,
  },
  {
    name: 'asana',
    secretHint: 'the X-Hook-Secret Asana sent when the webhook was created (your app stored it)',
    provider: (secret) => asana({ secret, onHookSecret: () => {} }),
    encoding: 'json',
    defaultType: 'task.changed',
    newId: () => digits(16),
    refresh: idAt('events.0.resource.gid'),
  },
  {
    name: 'notion',
    secretHint: 'the verification_token Notion sent when the subscription was created',
    provider: (secret) => notion({ secret, onVerificationToken: () => {} }),
    encoding: 'json',
    defaultType: 'page.created',
    newId: uuid,
    payloadId: 'id',
  },
  {
    name: 'okta',
    secretHint: "the event hook's Authentication secret (Admin Console > Workflow > Event Hooks)",
    provider: (secret) => okta({ secret }),
    encoding: 'json',
    defaultType: 'user.session.start',
    newId: uuid,
    refresh: idAt('data.events.0.uuid'),
  },
]
