import { createHmac } from 'node:crypto'
import { razorpay, verifyWebhook, webflow } from '@hookgate/core'
import Razorpay from 'razorpay'
import { describe, expect, it } from 'vitest'
import { WebflowClient } from 'webflow-api'
import { rejectionOf } from '../helpers.js'

describe('razorpay', () => {
  const secret = 'rzp_wh_secret'
  const body = JSON.stringify({ entity: 'event', event: 'payment.captured', payload: {} })

  it('signs what validateWebhookSignature accepts, and verifies what it accepts', async () => {
    const signed = await razorpay({ secret }).sign({ body, id: 'evt_rzp_1' })
    const signature = signed.headers['X-Razorpay-Signature']!
    expect(Razorpay.validateWebhookSignature(body, signature, secret)).toBe(true)
    const own = createHmac('sha256', secret).update(body).digest('hex')
    expect(Razorpay.validateWebhookSignature(body, own, secret)).toBe(true)
    const headers = { 'X-Razorpay-Signature': own, 'x-razorpay-event-id': 'evt_rzp_1' }
    const event = await verifyWebhook(razorpay({ secret }), { headers, body })
    expect(event).toMatchObject({ id: 'evt_rzp_1', type: 'payment.captured', providerName: 'razorpay' })
  })
})

describe('webflow', () => {
  const secret = 'wf_secret'
  const body = JSON.stringify({ triggerType: 'form_submission', payload: { id: 'sub_1', name: 'Contact' } })
  const sdk = new WebflowClient({ accessToken: 'unused' })

  it('signs what webhooks.verifySignature accepts, and verifies its scheme', async () => {
    const signed = await webflow({ secret }).sign({ body })
    const headers = Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), v]))
    await expect(sdk.webhooks.verifySignature({ headers, body, secret })).resolves.toBe(true)
    const event = await verifyWebhook(webflow({ secret }), { headers, body })
    expect(event).toMatchObject({ id: 'form_submission:sub_1', type: 'form_submission' })
  })

  it('refuses a day-old signature, which the SDK (checking no age) accepts', async () => {
    const timestamp = String(Date.now() - 86_400_000)
    const signature = createHmac('sha256', secret).update(`${timestamp}:${body}`).digest('hex')
    const headers = { 'x-webflow-timestamp': timestamp, 'x-webflow-signature': signature }
    await expect(sdk.webhooks.verifySignature({ headers, body, secret })).resolves.toBe(true)
    expect((await rejectionOf(webflow({ secret }).verify({ headers, body }))).code).toBe('timestamp_too_old')
  })
})
