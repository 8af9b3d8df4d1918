import { adyen, braintree, cloudEvents, mailgun, microsoftGraph } from '@hookgate/core'
import type { ProviderProfile } from '../profile.js'
import { idAt } from './hmac-variants.js'
import { random } from './random.js'

/** `<public key>:<private key>`: Braintree names the signature by the pair's public key. */
function braintreeKeys(secret: string) {
  const [publicKey, privateKey, ...rest] = secret.split(':')
  if (!publicKey || !privateKey || rest.length > 0)
    throw new TypeError('secret: write the API key pair as <public key>:<private key>')
  return braintree({ publicKey, secret: privateKey })
}

const iso = (now: number) => new Date(now * 1000).toISOString()
const firstItem = (payload: Record<string, unknown>) =>
  (payload.notificationItems as { NotificationRequestItem: Record<string, unknown> }[])[0]!
    .NotificationRequestItem

/**
 * The senders whose credential travels inside the body (Mailgun's signature object, Adyen's per-item
 * `hmacSignature`, Braintree's `bt_signature` form, Graph's `clientState`), so `sign()` rewrites the body
 * it is given; and CloudEvents, a token header with a media type of its own. `hookgate send` posts the body
 * `sign()` returns; `hookgate sign --body-out` writes it.
 */
export const bodySignedProfiles: readonly ProviderProfile[] = [
  {
    name: 'mailgun',
    secretHint: 'the HTTP webhook signing key (Mailgun > Sending > Webhooks)',
    provider: (secret) => mailgun({ secret }),
    encoding: 'json',
    defaultType: 'delivered',
    newId: () => Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64url'),
    refresh(payload, id, now) {
      const data = payload['event-data'] as Record<string, unknown>
      data.id = id
      data.timestamp = now
    },
  },
  {
    name: 'adyen',
    secretHint: "the webhook's HMAC key, in hex (Customer Area > Developers > Webhooks > your webhook)",
    provider: (secret) => adyen({ secret }),
    encoding: 'json',
    defaultType: 'AUTHORISATION',
    newId: () => random(8).toUpperCase(),
    refresh(payload, id, now) {
      const item = firstItem(payload)
      item.pspReference = id
      item.eventDate = iso(now)
    },
  },
  {
    name: 'braintree',
    secretHint: 'the API key pair as <public key>:<private key> (Control Panel > Settings > API)',
    provider: braintreeKeys,
    encoding: 'xml',
    defaultType: 'subscription_charged_successfully',
    newId: () => random(3),
    // Braintree sends no id (it is the signature of the XML): the fresh id and time make a new body.
    refresh(payload, id, now) {
      const notification = payload.notification as Record<string, unknown>
      notification.timestamp = iso(now)
      idAt('subject.subscription.id')!(notification, id, now)
    },
  },
  {
    name: 'microsoft-graph',
    secretHint: 'the clientState you set when creating the subscription',
    provider: (secret) => microsoftGraph({ clientState: secret }),
    encoding: 'json',
    defaultType: 'created',
    newId: () => Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString('base64'),
    // Graph sends no id (it is the notification's SHA-256): the fresh id makes a new notification.
    refresh: idAt('value.0.resourceData.id'),
  },
  {
    name: 'cloudevents',
    secretHint: 'the access token the sender presents as Authorization: Bearer <token>',
    provider: (secret) => cloudEvents({ token: secret }),
    encoding: 'json',
    contentType: 'application/cloudevents+json',
    defaultType: 'Microsoft.Storage.BlobCreated',
    newId: () => crypto.randomUUID(),
    payloadId: 'id',
    refresh(payload, _id, now) {
      payload.time = iso(now)
    },
  },
]
