/**
 * Realistic webhook bodies of an exact byte size: a Stripe-shaped `invoice.paid` event whose invoice has as
 * many line items as the size allows, compact JSON as providers send it. Every provider in the bench gets the
 * same bytes, so rows differ only by what the code under test does with them.
 *
 * The event id (as Stripe's `id` and Slack's `event_id`) has a fixed width, so a fresh delivery of the same
 * size is the same bytes with another id (see `withEventId`).
 */

/** Width of every event id (`evt_` + 24 characters), so swapping ids never changes the size. */
export const EVENT_ID_LENGTH = 28

export interface BenchBody {
  /** The body as sent: ASCII, so `text.length` is its size in bytes. */
  readonly text: string
  readonly bytes: Buffer
  readonly eventId: string
  readonly type: string
}

const created = 1_700_000_000

function lineItem(index: number) {
  return {
    id: `il_1Q${String(index).padStart(22, '0')}`,
    object: 'line_item',
    amount: 1_000 + index,
    currency: 'usd',
    description: `1 x Pro plan seat #${index} (at $10.00 / month)`,
    discountable: true,
    livemode: false,
    metadata: { seat: String(index), team: 'platform' },
    period: { end: created + 2_592_000, start: created },
    price: { id: 'price_1PzQ2c2eZvKYlo2CxPro0001', product: 'prod_Pro0001', unit_amount: 1_000 },
    proration: false,
    quantity: 1,
    type: 'subscription',
  }
}

function eventWith(items: number, padding: string, eventId: string) {
  return {
    id: eventId,
    event_id: eventId,
    object: 'event',
    api_version: '2024-06-20',
    created,
    type: 'invoice.paid',
    livemode: false,
    pending_webhooks: 1,
    request: { id: 'req_7Fh2pQ9sT1uV3wXy', idempotency_key: '5d1c2b86-59a4-4a3b-9f1e-2c7d8e9f0a1b' },
    data: {
      object: {
        id: 'in_1PzQ2c2eZvKYlo2C8Y6Qv3nM',
        object: 'invoice',
        customer: 'cus_QrT5uV7wX9yZ1a',
        customer_email: 'billing@example.com',
        currency: 'usd',
        amount_due: 1_000 * items,
        amount_paid: 1_000 * items,
        status: 'paid',
        footer: padding,
        lines: {
          object: 'list',
          has_more: false,
          data: Array.from({ length: items }, (_, i) => lineItem(i)),
        },
      },
    },
  }
}

/** An id of exactly `EVENT_ID_LENGTH` characters from a counter. */
export function eventId(n: number): string {
  return `evt_${n.toString(36).padStart(EVENT_ID_LENGTH - 4, '0')}`
}

/** The body of `size` bytes (at least ~900: the envelope alone). */
export function makeBody(size: number): BenchBody {
  const id = eventId(0)
  let items = 0
  while (JSON.stringify(eventWith(items + 1, '', id)).length <= size) items++
  const unpadded = JSON.stringify(eventWith(items, '', id)).length
  if (unpadded > size)
    throw new RangeError(`a realistic event needs at least ${unpadded} bytes, asked ${size}`)
  const text = JSON.stringify(eventWith(items, 'x'.repeat(size - unpadded), id))
  return { text, bytes: Buffer.from(text), eventId: id, type: 'invoice.paid' }
}

/** The same body with another event id: a new delivery of the same size. */
export function withEventId(body: BenchBody, id: string): string {
  if (id.length !== EVENT_ID_LENGTH) throw new RangeError(`event ids are ${EVENT_ID_LENGTH} characters`)
  return body.text.replaceAll(body.eventId, id)
}
