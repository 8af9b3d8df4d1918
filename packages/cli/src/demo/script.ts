/**
 * The burst the demo sends, in order: what a receiver meets in production within a few seconds. Each step
 * says what it is, what a correct receiver answers, and how the request is spoiled, if it is.
 */
export interface DemoStep {
  /** What is sent, as the report shows it. */
  what: string
  provider: 'stripe' | 'github'
  type: string
  /** Steps with the same id send the same event (the body is built once per id). */
  id: string
  /** The outcome code a correct receiver answers. */
  expect: string
  /** Signs with a secret that is not the receiver's. */
  forged?: boolean
  /** Signs with a timestamp this many seconds ago. */
  ageSeconds?: number
  /** Replaces (or, with `undefined`, removes) a header after signing. */
  header?: readonly [name: string, value: string | undefined]
  /** Sends another body than the event's (then signs it correctly). */
  body?: (original: string) => string
}

export const demoScript: readonly DemoStep[] = [
  { what: 'invoice.paid', provider: 'stripe', type: 'invoice.paid', id: 'evt_demo_1001', expect: 'accepted' },
  {
    what: 'customer.created (handler fails once)',
    provider: 'stripe',
    type: 'customer.created',
    id: 'evt_demo_1002',
    expect: 'accepted',
  },
  {
    what: 'push',
    provider: 'github',
    type: 'push',
    id: 'b5f0c1e2-demo-4a1b-9c3d-000000001003',
    expect: 'accepted',
  },
  {
    what: 'invoice.paid again (provider retry)',
    provider: 'stripe',
    type: 'invoice.paid',
    id: 'evt_demo_1001',
    expect: 'duplicate',
  },
  {
    what: 'push again (redelivery)',
    provider: 'github',
    type: 'push',
    id: 'b5f0c1e2-demo-4a1b-9c3d-000000001003',
    expect: 'duplicate',
  },
  {
    what: 'checkout.session.completed (no handler)',
    provider: 'stripe',
    type: 'checkout.session.completed',
    id: 'evt_demo_1004',
    expect: 'ignored',
  },
  {
    what: 'invoice.paid, forged (wrong secret)',
    provider: 'stripe',
    type: 'invoice.paid',
    id: 'evt_demo_1005',
    expect: 'invalid_signature',
    forged: true,
  },
  {
    what: 'invoice.paid, stale (signed 10 min ago)',
    provider: 'stripe',
    type: 'invoice.paid',
    id: 'evt_demo_1006',
    expect: 'timestamp_too_old',
    ageSeconds: 600,
  },
  {
    what: 'invoice.paid, garbled signature header',
    provider: 'stripe',
    type: 'invoice.paid',
    id: 'evt_demo_1007',
    expect: 'malformed_header',
    header: ['stripe-signature', 'v1=not-a-signature'],
  },
  {
    what: 'push without a signature',
    provider: 'github',
    type: 'push',
    id: 'b5f0c1e2-demo-4a1b-9c3d-000000001008',
    expect: 'missing_header',
    header: ['x-hub-signature-256', undefined],
  },
  {
    what: 'invoice.paid, same id, other amount',
    provider: 'stripe',
    type: 'invoice.paid',
    id: 'evt_demo_1001',
    expect: 'id_conflict',
    body: (original) => original.replace('"amount_paid":2000', '"amount_paid":1'),
  },
  {
    what: 'invoice.paid, body is not JSON',
    provider: 'stripe',
    type: 'invoice.paid',
    id: 'evt_demo_1009',
    expect: 'malformed_payload',
    body: () => 'amount_paid=2000',
  },
]
