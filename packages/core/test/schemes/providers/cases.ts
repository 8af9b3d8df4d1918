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
]
