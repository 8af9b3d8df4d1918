import type { Provider, SignInput } from '@hookgate/core'
import * as core from '@hookgate/core'

/**
 * One signed delivery per provider of this folder, and what it parses to: the table the shared rules
 * (rules.test.ts) run over. `make` builds the provider at a fixed clock, so `sign()` and `verify()` agree
 * on "now" and a stale delivery is a matter of signing with an older timestamp.
 */
export interface ProviderCase {
  name: string
  make(now: () => number): Provider
  input: SignInput
  expected: { id: string | undefined; type: string }
  /** The header `sign()` writes the signature in, as it spells it. */
  signatureHeader: string
}

export const secret = 'hookgate-provider-test-secret'
export const now = 1_760_000_000

export const cases: ProviderCase[] = [
  {
    name: 'paddle',
    make: (clock) => core.paddle({ secret, now: clock }),
    input: { body: '{"event_id":"evt_01h","event_type":"transaction.completed","data":{}}' },
    expected: { id: 'evt_01h', type: 'transaction.completed' },
    signatureHeader: 'Paddle-Signature',
  },
  {
    name: 'linear',
    make: (clock) => core.linear({ secret, now: clock }),
    input: {
      body: `{"action":"create","type":"Issue","data":{"id":"i1"},"webhookTimestamp":${now * 1000}}`,
      id: 'delivery-1',
    },
    expected: { id: 'delivery-1', type: 'Issue.create' },
    signatureHeader: 'Linear-Signature',
  },
  {
    name: 'square',
    make: (clock) => core.square({ secret, now: clock, notificationUrl: 'https://example.com/square' }),
    input: { body: '{"event_id":"e-1","type":"payment.updated","data":{}}' },
    expected: { id: 'e-1', type: 'payment.updated' },
    signatureHeader: 'x-square-hmacsha256-signature',
  },
  {
    name: 'mux',
    make: (clock) => core.mux({ secret, now: clock }),
    input: { body: '{"id":"m-1","type":"video.asset.ready","data":{}}' },
    expected: { id: 'm-1', type: 'video.asset.ready' },
    signatureHeader: 'Mux-Signature',
  },
  {
    name: 'sanity',
    make: (clock) => core.sanity({ secret, now: clock }),
    input: { body: '{"_id":"doc-1","title":"hello"}', id: 'idem-1' },
    expected: { id: 'idem-1', type: 'webhook' },
    signatureHeader: 'sanity-webhook-signature',
  },
  {
    name: 'hubspot',
    make: (clock) => core.hubspot({ secret, now: clock }),
    input: {
      body: '[{"eventId":101,"subscriptionType":"contact.creation","objectId":1}]',
      url: 'https://example.com/hubspot',
    },
    expected: { id: '101', type: 'contact.creation' },
    signatureHeader: 'X-HubSpot-Signature-v3',
  },
  {
    name: 'contentful',
    make: (clock) => core.contentful({ secret, now: clock }),
    input: {
      body: '{"sys":{"id":"entry1","version":4,"type":"Entry"}}',
      url: 'https://example.com/contentful?space=1',
      type: 'ContentManagement.Entry.publish',
    },
    expected: { id: 'ContentManagement.Entry.publish:entry1:4', type: 'ContentManagement.Entry.publish' },
    signatureHeader: 'x-contentful-signature',
  },
  {
    name: 'box',
    make: (clock) => core.box({ secret: [secret, 'box-secondary'], now: clock }),
    input: { body: '{"type":"webhook_event","trigger":"FILE.UPLOADED","source":{"id":"1"}}', id: 'box-d-1' },
    expected: { id: 'box-d-1', type: 'FILE.UPLOADED' },
    signatureHeader: 'box-signature-primary',
  },
  {
    name: 'webflow',
    make: (clock) => core.webflow({ secret, now: clock }),
    input: { body: '{"triggerType":"form_submission","payload":{"id":"sub1"}}' },
    expected: { id: 'form_submission:sub1', type: 'form_submission' },
    signatureHeader: 'x-webflow-signature',
  },
  {
    name: 'calendly',
    make: (clock) => core.calendly({ secret, now: clock }),
    input: { body: '{"event":"invitee.created","payload":{"uri":"https://api.calendly.com/x/1"}}' },
    expected: { id: 'invitee.created:https://api.calendly.com/x/1', type: 'invitee.created' },
    signatureHeader: 'Calendly-Webhook-Signature',
  },
  plain('razorpay', core.razorpay, 'X-Razorpay-Signature', '{"event":"payment.captured"}', {
    id: 'rzp-1',
    type: 'payment.captured',
  }),
  plain(
    'lemon-squeezy',
    core.lemonSqueezy,
    'X-Signature',
    '{"meta":{"event_name":"order_created"},"data":{"type":"orders","id":"7","attributes":{"updated_at":"2026-01-01T00:00:00Z"}}}',
    { id: 'order_created:orders:7:2026-01-01T00:00:00Z', type: 'order_created' },
  ),
  plain('bitbucket', core.bitbucket, 'X-Hub-Signature', '{"push":{}}', { id: 'bb-1', type: 'repo:push' }),
  plain('intercom', core.intercom, 'X-Hub-Signature', '{"id":"notif_1","topic":"ping"}', {
    id: 'notif_1',
    type: 'ping',
  }),
  plain('woocommerce', core.woocommerce, 'X-WC-Webhook-Signature', '{"id":12}', {
    id: 'wc-1',
    type: 'order.created',
  }),
  plain('segment', core.segment, 'X-Signature', '{"messageId":"m1","type":"track"}', {
    id: 'm1',
    type: 'track',
  }),
  plain('vercel', core.vercel, 'x-vercel-signature', '{"id":"v1","type":"deployment.created"}', {
    id: 'v1',
    type: 'deployment.created',
  }),
  plain(
    'cal-com',
    core.calCom,
    'X-Cal-Signature-256',
    '{"triggerEvent":"BOOKING_CREATED","createdAt":"2026-01-01T00:00:00Z","payload":{"uid":"b1"}}',
    { id: 'BOOKING_CREATED:2026-01-01T00:00:00Z:b1', type: 'BOOKING_CREATED' },
  ),
  plain('typeform', core.typeform, 'Typeform-Signature', '{"event_id":"tf1","event_type":"form_response"}', {
    id: 'tf1',
    type: 'form_response',
  }),
  plain('sentry', core.sentry, 'Sentry-Hook-Signature', '{"action":"created","data":{}}', {
    id: 'req-1',
    type: 'issue.created',
  }),
  plain('checkout', core.checkout, 'Cko-Signature', '{"id":"evt_c1","type":"payment_approved"}', {
    id: 'evt_c1',
    type: 'payment_approved',
  }),
  plain(
    'coinbase-commerce',
    core.coinbaseCommerce,
    'X-CC-Webhook-Signature',
    '{"id":1,"event":{"id":"cc1","type":"charge:confirmed"}}',
    { id: 'cc1', type: 'charge:confirmed' },
  ),
  plain('mollie', core.mollie, 'X-Mollie-Signature', '{"id":"ev_1","type":"payment-link.paid"}', {
    id: 'ev_1',
    type: 'payment-link.paid',
  }),
]

/**
 * A sender of the plain shape (the body HMAC'd into one header, no timestamp); the id and type it expects
 * double as `sign()`'s input, for senders that carry them in headers.
 */
function plain(
  name: string,
  factory: (options: { secret: string; now: () => number }) => Provider,
  signatureHeader: string,
  body: string,
  expected: { id: string; type: string },
): ProviderCase {
  return {
    name,
    make: (clock) => factory({ secret, now: clock }),
    input: { body, id: expected.id, type: expected.type },
    expected,
    signatureHeader,
  }
}
