import { createReceiver, hubspot, type WebhookEvent } from '@hookgate/core'
import { Signature } from '@hubspot/api-client'
import { describe, expect, it } from 'vitest'
import { bodyOf, quiet } from '../../receiver/helpers.js'
import { received } from '../helpers.js'

const secret = 'hs-batch-client-secret'
const url = 'https://example.com/webhooks/hubspot'

/** HubSpot's array of events, numeric `eventId`s as it sends them; an item is the same in every batch. */
const batch = (...events: [eventId: number, subscriptionType: string][]) =>
  JSON.stringify(
    events.map(([eventId, subscriptionType]) => ({
      eventId,
      subscriptionId: 12345,
      portalId: 62515,
      occurredAt: 1_764_583_200_000,
      subscriptionType,
      attemptNumber: 0,
      objectId: eventId * 10,
    })),
  )

/** A receiver of HubSpot that answers once its handlers ran, and what they were handed. */
function receiverOf() {
  const receiver = createReceiver({ provider: hubspot({ secret }), ack: 'handled', logger: quiet })
  const handled: WebhookEvent[] = []
  receiver.on('*', (event) => {
    handled.push(event)
  })
  const deliver = async (body: string) =>
    receiver.receive({ method: 'POST', ...received(await hubspot({ secret }).sign({ body, url })) })
  return { receiver, handled, deliver }
}

describe('hubspot batches, through a receiver', () => {
  it('hands off each item as its own event, by eventId and subscriptionType', async () => {
    const { receiver, handled, deliver } = receiverOf()
    const outcome = await deliver(
      batch([4001, 'contact.creation'], [4002, 'contact.propertyChange'], [4003, 'deal.creation']),
    )
    expect([outcome.status, bodyOf(outcome).items]).toEqual([
      200,
      [
        { id: '4001', code: 'handled' },
        { id: '4002', code: 'handled' },
        { id: '4003', code: 'handled' },
      ],
    ])
    expect(
      handled.map((event) => [event.id, event.type, (event.payload as { eventId: number }).eventId]),
    ).toEqual([
      ['4001', 'contact.creation', 4001],
      ['4002', 'contact.propertyChange', 4002],
      ['4003', 'deal.creation', 4003],
    ])
    await receiver.close()
  })

  it('suppresses an item already handled when it comes again in another batch', async () => {
    const { receiver, handled, deliver } = receiverOf()
    await deliver(batch([5001, 'contact.creation'], [5002, 'contact.creation']))
    const again = await deliver(batch([5002, 'contact.creation'], [5003, 'contact.deletion']))
    expect([again.status, bodyOf(again).items]).toEqual([
      200,
      [
        { id: '5002', code: 'duplicate' },
        { id: '5003', code: 'handled' },
      ],
    ])
    expect(handled.map((event) => event.id)).toEqual(['5001', '5002', '5003'])
    await receiver.close()
  })

  it('refuses a forged batch with 401, handing off none of its items', async () => {
    const { receiver, handled } = receiverOf()
    const body = batch([6001, 'contact.creation'], [6002, 'contact.creation'])
    const signed = await hubspot({ secret }).sign({ body, url })
    const forged = body.replace('6002', '6009')
    const outcome = await receiver.receive({ method: 'POST', ...received(signed, { body: forged }) })
    expect([outcome.status, outcome.code]).toEqual([401, 'invalid_signature'])
    expect(handled).toEqual([])
    await receiver.close()
  })

  it('splits a batch signed with v1 (no v3 header) the same way', async () => {
    const { receiver, handled } = receiverOf()
    const body = batch([7001, 'contact.creation'], [7002, 'company.creation'])
    const signature = Signature.getSignature('POST', 'v1', {
      signature: '',
      clientSecret: secret,
      requestBody: body,
      url,
    })
    const headers = { 'X-HubSpot-Signature': signature, 'X-HubSpot-Signature-Version': 'v1' }
    const outcome = await receiver.receive({ method: 'POST', url, headers, body })
    expect(outcome.status).toBe(200)
    expect(handled.map((event) => [event.id, event.type])).toEqual([
      ['7001', 'contact.creation'],
      ['7002', 'company.creation'],
    ])
    await receiver.close()
  })
})
