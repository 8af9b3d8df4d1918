// Stripe v2 thin events: what Stripe's own library signs, a receiver verifies and types; what we sign,
// Stripe's `parseEventNotification` accepts; and the handler fetches the full event with the SDK, here from
// a loopback stand-in for api.stripe.com.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createReceiver, isStripeThinEvent, stripe } from '@hookgate/core'
import Stripe from 'stripe'
import { afterAll, beforeAll, expect, it } from 'vitest'

const secret = 'whsec_thin_events_test'
const thin = {
  id: 'evt_test_65R9Ijk8dpnOSBSmjbS16R9hO1TXSQMxeBkVc5',
  object: 'v2.core.event',
  type: 'v1.billing.meter.error_report_triggered',
  livemode: false,
  created: '2026-11-30T10:00:00.000Z',
  related_object: { id: 'mtr_test_61R9', type: 'billing.meter', url: '/v1/billing/meters/mtr_test_61R9' },
}
const body = JSON.stringify(thin)

let api: Server
let client: Stripe
beforeAll(async () => {
  // Answers GET /v2/core/events/:id with the full event, as Stripe's API does.
  api = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify({ ...thin, data: { developer_message_summary: 'meter has errors' } }))
  })
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve))
  const { port } = api.address() as AddressInfo
  client = new Stripe('sk_test_thin', { host: '127.0.0.1', port, protocol: 'http' })
})
afterAll(() => new Promise((resolve) => api.close(resolve)))

it("verifies a thin event Stripe's library signed, typed as one, and fetches the full event in the handler", async () => {
  const header = client.webhooks.generateTestHeaderString({ payload: body, secret })
  const receiver = createReceiver({ provider: stripe({ secret }), ack: 'handled' })
  const fetched: unknown[] = []
  receiver.on('v1.billing.meter.error_report_triggered', async (event) => {
    if (!isStripeThinEvent(event.payload)) throw new Error('expected a thin event')
    const full = await client.v2.core.events.retrieve(event.payload.id)
    fetched.push(full)
  })
  const outcome = await receiver.receive({ method: 'POST', headers: { 'stripe-signature': header }, body })
  expect([outcome.status, outcome.code, outcome.event?.id]).toEqual([200, 'handled', thin.id])
  expect(fetched).toEqual([expect.objectContaining({ id: thin.id, data: expect.any(Object) })])
  await receiver.close()
})

it("signs a thin event Stripe's parseEventNotification accepts", async () => {
  const signed = await stripe({ secret }).sign({ body })
  const notification = client.parseEventNotification(body, signed.headers['Stripe-Signature']!, secret)
  expect(notification).toMatchObject({ id: thin.id, type: thin.type })
})

it('tells a thin event from a v1 snapshot event', () => {
  expect(isStripeThinEvent(thin)).toBe(true)
  expect(isStripeThinEvent({ id: 'evt_1', object: 'event', type: 'invoice.paid' })).toBe(false)
  expect(isStripeThinEvent(null)).toBe(false)
})
