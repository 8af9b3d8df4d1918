import { describe, expect, it } from 'vitest'
import { findProvider } from '../src/providers.js'
import { planDeliveries, plannedCount } from '../src/send/plan.js'

const stripe = findProvider('stripe')!
const twilio = findProvider('twilio')!
const text = (body: string | Uint8Array) => (typeof body === 'string' ? body : Buffer.from(body).toString())

describe('planDeliveries', () => {
  it('sends each event then its duplicates: same id, same bytes', () => {
    const plan = [
      ...planDeliveries({ profile: stripe, source: { sample: 'invoice.paid' }, repeat: 3, duplicates: 2 }),
    ]
    expect(plan).toHaveLength(plannedCount({ repeat: 3, duplicates: 2 }))
    expect(plan.map((delivery) => delivery.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(plan.map((delivery) => delivery.copy)).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2])
    const events = [plan[0]!, plan[3]!, plan[6]!]
    expect(new Set(events.map((delivery) => delivery.id)).size).toBe(3)
    for (const [i, delivery] of plan.entries()) {
      const first = events[Math.floor(i / 3)]!
      expect(delivery.id).toBe(first.id)
      expect(delivery.body).toBe(first.body)
    }
  })

  it("stamps a fresh id and time where the provider keeps them in the payload (Stripe's id, created)", () => {
    const [delivery] = planDeliveries({
      profile: stripe,
      source: { sample: 'invoice.paid' },
      repeat: 1,
      duplicates: 0,
      id: 'evt_given',
      now: () => 1_700_000_000,
    })
    const payload = JSON.parse(text(delivery!.body))
    expect(payload).toMatchObject({ id: 'evt_given', created: 1_700_000_000, type: 'invoice.paid' })
    expect(delivery).toMatchObject({ id: 'evt_given', type: 'invoice.paid', contentType: 'application/json' })
    expect(stripe.newId()).toMatch(/^evt_[0-9a-f]{24}$/)
  })

  it('encodes form providers (Twilio) as a form', () => {
    const [delivery] = planDeliveries({
      profile: twilio,
      source: { sample: 'message.received' },
      repeat: 1,
      duplicates: 0,
    })
    expect(delivery!.contentType).toBe('application/x-www-form-urlencoded')
    expect(new URLSearchParams(text(delivery!.body)).get('Body')).toBe('STATUS 1001')
  })

  it('sends a file byte for byte, JSON or not', () => {
    const json = new TextEncoder().encode('{ "spaced" : true }')
    const form = new TextEncoder().encode('a=1&b=2')
    const [fromJson] = planDeliveries({
      profile: stripe,
      source: { file: json, type: 'x' },
      repeat: 1,
      duplicates: 0,
    })
    const [fromForm] = planDeliveries({ profile: twilio, source: { file: form }, repeat: 1, duplicates: 0 })
    expect(fromJson).toMatchObject({ body: json, type: 'x', contentType: 'application/json' })
    expect(fromForm).toMatchObject({
      body: form,
      type: undefined,
      contentType: 'application/x-www-form-urlencoded',
    })
  })
})
