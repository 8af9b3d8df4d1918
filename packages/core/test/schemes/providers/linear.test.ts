import { createHmac } from 'node:crypto'
import { linear, verifyWebhook } from '@hookgate/core'
import { LinearWebhookClient } from '@linear/sdk/webhooks'
import { describe, expect, it } from 'vitest'
import { clockAt, received, rejectionOf } from '../helpers.js'

const secret = 'lin_wh_secret'
const bodyAt = (ms: number) =>
  JSON.stringify({ action: 'update', type: 'Issue', data: { id: 'iss_1' }, webhookTimestamp: ms })
const sign = (body: string) => createHmac('sha256', secret).update(body).digest('hex')

describe('linear', () => {
  const client = new LinearWebhookClient(secret)

  it('verifies what the SDK accepts, timestamped in the body', async () => {
    const body = bodyAt(Date.now())
    const signature = sign(body)
    expect(client.verify(Buffer.from(body), signature)).toBe(true)
    const headers = { 'Linear-Signature': signature, 'Linear-Delivery': 'dlv_1' }
    const event = await verifyWebhook(linear({ secret }), { headers, body })
    expect(event).toMatchObject({ id: 'dlv_1', type: 'Issue.update', providerName: 'linear' })
    expect(event.timestamp?.getTime()).toBe(JSON.parse(body).webhookTimestamp)
  })

  it('signs what the SDK verifies', async () => {
    const body = bodyAt(Date.now())
    const signed = await linear({ secret }).sign({ body })
    expect(client.verify(Buffer.from(body), signed.headers['Linear-Signature']!)).toBe(true)
    expect(signed.headers['Linear-Delivery']).toBeDefined()
  })

  it('trusts only the body timestamp: a stale body is refused, whatever Linear-Timestamp says', async () => {
    const now = 1_760_000_000
    const provider = linear({ secret, now: clockAt(now) })
    const body = bodyAt(now * 1000 - 61_000)
    const headers = { 'Linear-Signature': sign(body), 'Linear-Timestamp': String(now * 1000) }
    expect((await rejectionOf(provider.verify({ headers, body }))).code).toBe('timestamp_too_old')
    expect(() => client.verify(Buffer.from(body), sign(body))).toThrow(/timestamp/)
  })

  it('refuses a signed body without webhookTimestamp as malformed_payload', async () => {
    const body = '{"action":"create","type":"Issue"}'
    const signed = await linear({ secret }).sign({ body })
    expect((await rejectionOf(linear({ secret }).verify(received(signed)))).code).toBe('malformed_payload')
  })
})
