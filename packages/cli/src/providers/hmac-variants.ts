import {
  bitbucket,
  box,
  calCom,
  calendly,
  checkout,
  coinbaseCommerce,
  contentful,
  hubspot,
  intercom,
  lemonSqueezy,
  linear,
  mollie,
  mux,
  paddle,
  razorpay,
  sanity,
  segment,
  sentry,
  square,
  typeform,
  vercel,
  webflow,
  woocommerce,
} from '@hookgate/core'
import type { ProviderProfile } from '../profile.js'
import { random } from './random.js'

/** Sets `value` at a dotted path of a sample (`payload.uid`, `0.eventId`), whose objects already exist. */
function setAt(payload: unknown, path: string, value: unknown): void {
  const keys = path.split('.')
  const last = keys.pop()!
  let target = payload as Record<string, unknown>
  for (const key of keys) target = target[key] as Record<string, unknown>
  target[last] = value
}

/** A refresh that writes the id at `path`: for senders whose id is a nested or joined field. */
export const idAt =
  (path: string): ProviderProfile['refresh'] =>
  (payload, id) =>
    setAt(payload, path, id)

const uuid = () => crypto.randomUUID()

/** The HMAC senders of `@hookgate/core`'s `schemes/providers/`, one profile each. */
export const hmacVariantProfiles: readonly ProviderProfile[] = [
  {
    name: 'paddle',
    secretHint: "the notification destination's secret key (Developer tools > Notifications)",
    provider: (secret) => paddle({ secret }),
    encoding: 'json',
    defaultType: 'transaction.completed',
    newId: () => `evt_${random(13)}`,
    payloadId: 'event_id',
  },
  {
    name: 'linear',
    secretHint: "the webhook's signing secret (Settings > API > Webhooks)",
    provider: (secret) => linear({ secret }),
    encoding: 'json',
    defaultType: 'Issue.create',
    newId: uuid,
    refresh: (payload, _id, now) => {
      payload.webhookTimestamp = now * 1000
    },
  },
  {
    name: 'hubspot',
    secretHint: "the app's client secret (developer account > Apps > your app > Auth)",
    provider: (secret) => hubspot({ secret }),
    encoding: 'json',
    defaultType: 'contact.creation',
    newId: () => String(Math.floor(Math.random() * 2 ** 48)),
    needsUrl: true,
    refresh: (payload, id, now) => {
      setAt(payload, '0.eventId', Number(id))
      setAt(payload, '0.occurredAt', now * 1000)
    },
  },
  {
    name: 'square',
    secretHint: "the subscription's signature key (Developer Console > Webhooks > Subscriptions)",
    provider: (secret) => square({ secret }),
    encoding: 'json',
    defaultType: 'payment.updated',
    newId: uuid,
    payloadId: 'event_id',
    needsUrl: true,
  },
  {
    name: 'mux',
    secretHint: "the webhook's signing secret (Settings > Webhooks)",
    provider: (secret) => mux({ secret }),
    encoding: 'json',
    defaultType: 'video.asset.ready',
    newId: uuid,
    payloadId: 'id',
  },
  {
    name: 'sanity',
    secretHint: "the webhook's secret (sanity.io/manage > API > Webhooks)",
    provider: (secret) => sanity({ secret }),
    encoding: 'json',
    defaultType: 'webhook',
    newId: uuid,
  },
  {
    name: 'webflow',
    secretHint: "the webhook's secret, or the OAuth app's client secret",
    provider: (secret) => webflow({ secret }),
    encoding: 'json',
    defaultType: 'form_submission',
    newId: () => random(12),
    refresh: idAt('payload.id'),
  },
  {
    name: 'calendly',
    secretHint: "the webhook subscription's signing key",
    provider: (secret) => calendly({ secret }),
    encoding: 'json',
    defaultType: 'invitee.created',
    newId: uuid,
    refresh: (payload, id) => setAt(payload, 'payload.uri', `https://api.calendly.com/invitees/${id}`),
  },
  {
    name: 'contentful',
    secretHint: "the webhook's signing secret (Settings > Webhooks > Request verification)",
    provider: (secret) => contentful({ secret }),
    encoding: 'json',
    defaultType: 'ContentManagement.Entry.publish',
    newId: () => random(11),
    needsType: true,
    refresh: idAt('sys.id'),
  },
  {
    name: 'box',
    secretHint: "the app's primary signature key (Developer Console > Webhooks)",
    provider: (secret) => box({ secret }),
    encoding: 'json',
    defaultType: 'FILE.UPLOADED',
    newId: uuid,
  },
  {
    name: 'razorpay',
    secretHint: "the webhook's secret (Dashboard > Accounts & Settings > Webhooks)",
    provider: (secret) => razorpay({ secret }),
    encoding: 'json',
    defaultType: 'payment.captured',
    newId: () => `evt_${random(7)}`,
  },
  {
    name: 'lemon-squeezy',
    secretHint: "the webhook's signing secret (Settings > Webhooks)",
    provider: (secret) => lemonSqueezy({ secret }),
    encoding: 'json',
    defaultType: 'order_created',
    newId: () => String(Math.floor(Math.random() * 2 ** 32)),
    refresh: idAt('data.id'),
  },
  {
    name: 'bitbucket',
    secretHint: "the webhook's secret (Repository settings > Webhooks)",
    provider: (secret) => bitbucket({ secret }),
    encoding: 'json',
    defaultType: 'repo:push',
    newId: uuid,
    needsType: true,
  },
  {
    name: 'intercom',
    secretHint: "the app's client secret (Developer Hub > your app > Basic information)",
    provider: (secret) => intercom({ secret }),
    encoding: 'json',
    defaultType: 'conversation.user.created',
    newId: () => `notif_${uuid()}`,
    payloadId: 'id',
  },
  {
    name: 'woocommerce',
    secretHint: "the webhook's secret (WooCommerce > Settings > Advanced > Webhooks)",
    provider: (secret) => woocommerce({ secret }),
    encoding: 'json',
    defaultType: 'order.created',
    newId: uuid,
    needsType: true,
  },
  {
    name: 'segment',
    secretHint: "the webhook destination's shared secret",
    provider: (secret) => segment({ secret }),
    encoding: 'json',
    defaultType: 'track',
    newId: () => `ajs-${random(16)}`,
    payloadId: 'messageId',
  },
  {
    name: 'vercel',
    secretHint: "the webhook's secret (Team Settings > Webhooks)",
    provider: (secret) => vercel({ secret }),
    encoding: 'json',
    defaultType: 'deployment.created',
    newId: () => `evt_${random(12)}`,
    payloadId: 'id',
  },
  {
    name: 'cal-com',
    secretHint: "the webhook's secret (Settings > Developer > Webhooks)",
    provider: (secret) => calCom({ secret }),
    encoding: 'json',
    defaultType: 'BOOKING_CREATED',
    newId: uuid,
    refresh: idAt('payload.uid'),
  },
  {
    name: 'typeform',
    secretHint: "the webhook's secret (Connect > Webhooks)",
    provider: (secret) => typeform({ secret }),
    encoding: 'json',
    defaultType: 'form_response',
    newId: () => random(13).toUpperCase(),
    payloadId: 'event_id',
  },
  {
    name: 'sentry',
    secretHint: "the integration's client secret (Settings > Developer Settings)",
    provider: (secret) => sentry({ secret }),
    encoding: 'json',
    defaultType: 'issue.created',
    newId: uuid,
    needsType: true,
  },
  {
    name: 'checkout',
    secretHint: "the workflow webhook action's signature key (Dashboard > Workflows)",
    provider: (secret) => checkout({ secret }),
    encoding: 'json',
    defaultType: 'payment_approved',
    newId: () => `evt_${random(13)}`,
    payloadId: 'id',
  },
  {
    name: 'coinbase-commerce',
    secretHint: 'the shared secret (Settings > Webhook subscriptions)',
    provider: (secret) => coinbaseCommerce({ secret }),
    encoding: 'json',
    defaultType: 'charge:confirmed',
    newId: uuid,
    refresh: idAt('event.id'),
  },
  {
    name: 'mollie',
    secretHint: "the webhook's signing secret (Dashboard > Developers > Webhooks)",
    provider: (secret) => mollie({ secret }),
    encoding: 'json',
    defaultType: 'payment-link.paid',
    newId: () => `event_${random(10)}`,
    payloadId: 'id',
  },
]
