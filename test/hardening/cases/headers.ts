// Hostile headers: missing, empty, repeated with other values, enormous, in the wrong case, not ASCII,
// signature lists thousands long, timestamps far off or not numbers.
import { expect } from 'vitest'
import { type Case, framed, headerValue, replaced, type Sent, utf8Bytes, without } from '../support/case.js'
import type { Delivery, Sender } from '../support/providers.js'
import { providerNamed, signedDelivery } from '../support/providers.js'

const day = 86_400
const now = () => Math.floor(Date.now() / 1000)

/** The delivery with `edit` applied to its headers, body framed honestly. */
const edited = (edit: (headers: [string, string][]) => [string, string][]) => (d: Delivery) =>
  framed(edit(d.headers), d.body)

/** A Stripe delivery validly signed at `timestamp`: only freshness can refuse it. */
async function stripeSignedAt(timestamp: number): Promise<Sent> {
  const delivery = await signedDelivery(providerNamed('stripe'), { timestamp })
  return framed(delivery.headers, delivery.body)
}

/** A Stripe delivery whose `t=` is replaced by `text` (the signature stays the one for the real time). */
const stripeTimestamp = (text: string) =>
  edited((h) =>
    replaced(h, 'stripe-signature', headerValue(h, 'stripe-signature').replace(/^t=\d+/, `t=${text}`)),
  )

const standardTimestamp = (text: string) => edited((h) => replaced(h, 'webhook-timestamp', text))

/** A list of `count` signatures that cannot match, in the provider's own list syntax. */
function longList(provider: Sender, d: Delivery, count: number): Sent {
  const entries = Array.from({ length: count }, (_, i) => i.toString(16).padStart(4, '0'))
  const value =
    provider.name === 'stripe'
      ? `t=${d.timestamp},${entries.map((e) => `v1=${e}`).join(',')}`
      : entries.map((e) => `v1,${e}`).join(' ')
  return framed(replaced(d.headers, provider.signatureHeader, value), d.body)
}

const timestampCases: Case[] = [
  ...(
    [
      ['ten years ago, validly signed', -3650 * day, 'timestamp_too_old'],
      ['six minutes ago, validly signed', -360, 'timestamp_too_old'],
      ['ten years ahead, validly signed', 3650 * day, 'timestamp_in_future'],
      ['six minutes ahead, validly signed', 360, 'timestamp_in_future'],
    ] as const
  ).map(
    ([name, offset, code]): Case => ({
      name: `Stripe timestamp ${name}`,
      provider: 'stripe',
      request: () => stripeSignedAt(now() + offset),
      expect: { reject: [code] },
    }),
  ),
  {
    name: 'Stripe timestamp 0 (1970)',
    provider: 'stripe',
    request: () => stripeSignedAt(0),
    expect: { reject: ['timestamp_too_old'] },
  },
  ...['abc', '-1700000000', '1700000000.5', '1.7e9', '+1700000000', '0x65000000', '9'.repeat(40), ''].map(
    (text): Case => ({
      name: `Stripe timestamp "${text.slice(0, 16)}"`,
      provider: 'stripe',
      request: stripeTimestamp(text),
      expect: { reject: ['malformed_header'] },
    }),
  ),
  ...['abc', '-1700000000', '1700000000.5', '1e10', '9'.repeat(40)].map(
    (text): Case => ({
      name: `Standard Webhooks timestamp "${text.slice(0, 16)}"`,
      provider: 'standard-webhooks',
      request: standardTimestamp(text),
      expect: { reject: ['malformed_header'] },
    }),
  ),
  {
    name: 'Standard Webhooks timestamp a year ago, validly signed',
    provider: 'standard-webhooks',
    request: async (_d, provider) => {
      const delivery = await signedDelivery(provider, { timestamp: now() - 365 * day })
      return framed(delivery.headers, delivery.body)
    },
    expect: { reject: ['timestamp_too_old'] },
  },
]

export const headerCases: Case[] = [
  {
    name: 'no signature header',
    provider: 'stripe',
    request: edited((h) => without(h, 'stripe-signature')),
    expect: { reject: ['missing_header'] },
  },
  {
    name: 'empty signature header',
    provider: 'stripe',
    request: edited((h) => replaced(h, 'stripe-signature', '')),
    expect: { reject: ['missing_header'] },
  },
  {
    name: 'no headers but the framing',
    provider: 'stripe',
    request: (d) => framed([], d.body),
    expect: { reject: ['missing_header'] },
  },
  {
    name: 'Standard Webhooks without webhook-timestamp',
    provider: 'standard-webhooks',
    request: edited((h) => without(h, 'webhook-timestamp')),
    expect: { reject: ['missing_header'] },
  },
  {
    name: 'Standard Webhooks without webhook-id',
    provider: 'standard-webhooks',
    request: edited((h) => without(h, 'webhook-id')),
    expect: { reject: ['missing_header'] },
  },
  {
    name: 'GitHub without X-GitHub-Event',
    provider: 'github',
    request: edited((h) => without(h, 'x-github-event')),
    expect: { reject: ['missing_header'] },
  },
  {
    name: 'Stripe-Signature twice, the second from another delivery',
    provider: 'stripe',
    request: edited((h) => [...h, ['stripe-signature', `t=${now()},v1=${'ab'.repeat(32)}`]]),
    expect: { reject: ['malformed_header'] },
  },
  {
    name: 'webhook-id twice with different values',
    provider: 'standard-webhooks',
    request: edited((h) => [...h, ['webhook-id', 'msg_other']]),
    expect: { reject: ['invalid_signature'] },
  },
  {
    name: 'webhook-timestamp twice',
    provider: 'standard-webhooks',
    request: edited((h) => [...h, ['webhook-timestamp', String(now())]]),
    expect: { reject: ['malformed_header'] },
  },
  {
    name: 'webhook-signature twice, both forged',
    provider: 'standard-webhooks',
    request: edited((h) => [
      ...replaced(h, 'webhook-signature', `v1,${Buffer.alloc(32, 1).toString('base64')}`),
      ['webhook-signature', `v1,${Buffer.alloc(32, 2).toString('base64')}`],
    ]),
    expect: { reject: ['invalid_signature'] },
  },
  {
    name: 'webhook-signature twice, a forged one first and the real one second (a real signature is present)',
    provider: 'standard-webhooks',
    request: edited((h) => [
      ...replaced(h, 'webhook-signature', `v1,${Buffer.alloc(32, 1).toString('base64')}`),
      ['webhook-signature', headerValue(h, 'webhook-signature')],
    ]),
    expect: { accept: ['accepted'] },
  },
  {
    name: 'a 64 KiB header',
    provider: 'stripe',
    request: edited((h) => [...h, ['x-padding', 'a'.repeat(64 * 1024)]]),
    expect: { httpRefusal: [431] },
  },
  {
    name: 'one 12 KiB signature',
    provider: 'stripe',
    request: edited((h) => replaced(h, 'stripe-signature', `t=${now()},v1=${'ab'.repeat(6 * 1024)}`)),
    expect: { reject: ['invalid_signature'] },
  },
  ...(['stripe', 'standard-webhooks'] as const).map(
    (name): Case => ({
      name: `${name} signature list of 1500 entries (bounded work)`,
      provider: name,
      request: (d, provider) => longList(provider, d, 1500),
      expect: { reject: ['malformed_header'] },
      check: ({ answer }) => expect(answer.ms).toBeLessThan(250),
    }),
  ),
  {
    name: 'every header name upper-cased',
    provider: 'standard-webhooks',
    request: edited((h) => h.map(([n, v]): [string, string] => [n.toUpperCase(), v])),
    expect: { accept: ['accepted'] },
  },
  {
    name: 'every header name in random case',
    provider: 'stripe',
    request: edited((h) =>
      h.map(([n, v]): [string, string] => [[...n].map((c, i) => (i % 2 ? c.toUpperCase() : c)).join(''), v]),
    ),
    expect: { accept: ['accepted'] },
  },
  {
    name: 'UTF-8 bytes in the signature header',
    provider: 'stripe',
    request: edited((h) => replaced(h, 'stripe-signature', utf8Bytes(`t=${now()},v1=é${'ab'.repeat(31)}€`))),
    expect: { reject: ['malformed_header', 'invalid_signature'], httpRefusal: [400] },
  },
  {
    name: 'UTF-8 bytes in the signed id header',
    provider: 'standard-webhooks',
    request: edited((h) => replaced(h, 'webhook-id', utf8Bytes('msg_ünïcödé'))),
    expect: { reject: ['invalid_signature'], httpRefusal: [400] },
  },
  {
    name: 'UTF-8 bytes in an unsigned header (ignored)',
    provider: 'stripe',
    request: edited((h) => [...h, ['x-note', utf8Bytes('ünïcödé ✓')]]),
    expect: { accept: ['accepted'], httpRefusal: [400] },
  },
  ...['json', '', '{pplication/json', 'application/json; charset'].map(
    (type): Case => ({
      name: `Content-Type "${type}" (unsigned, not a media type): the receiver decides, as in every adapter`,
      provider: 'stripe',
      request: edited((h) => replaced(h, 'content-type', type)),
      expect: { accept: ['accepted'] },
    }),
  ),
  {
    name: 'a control character in a header value',
    provider: 'stripe',
    request: edited((h) => [...h, ['x-note', 'a\u0001b']]),
    expect: { httpRefusal: [400] },
  },
  {
    name: 'GitHub signature in upper-case hex (not the canonical encoding)',
    provider: 'github',
    request: edited((h) =>
      replaced(
        h,
        'x-hub-signature-256',
        `sha256=${headerValue(h, 'x-hub-signature-256').slice(7).toUpperCase()}`,
      ),
    ),
    expect: { reject: ['invalid_signature'] },
  },
  {
    name: 'GitHub delivery id changed (GitHub signs no id: a new delivery, see SECURITY.md)',
    provider: 'github',
    request: edited((h) =>
      replaced(h, 'x-github-delivery', `${headerValue(h, 'x-github-delivery')}-replayed`),
    ),
    expect: { accept: ['accepted'] },
  },
  {
    name: 'Stripe v0 signature only',
    provider: 'stripe',
    request: edited((h) =>
      replaced(h, 'stripe-signature', headerValue(h, 'stripe-signature').replace('v1=', 'v0=')),
    ),
    expect: { reject: ['invalid_signature'] },
  },
  ...timestampCases,
]
