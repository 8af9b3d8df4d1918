import { square, verifyWebhook } from '@hookgate/core'
import { WebhooksHelper } from 'square'
import { describe, expect, it } from 'vitest'
import { received, rejectionOf } from '../helpers.js'

const notificationUrl = 'https://example.com/webhooks/square'
const body = JSON.stringify({ event_id: 'sq-evt-1', type: 'payment.updated', data: { id: 'pay_1' } })

describe('square', () => {
  it('signs what WebhooksHelper verifies, for the configured notification URL only', async () => {
    const signed = await square({ secret: 'sq_key', notificationUrl }).sign({ body })
    const signatureHeader = signed.headers['x-square-hmacsha256-signature']!
    const verify = (url: string) =>
      WebhooksHelper.verifySignature({
        requestBody: body,
        signatureHeader,
        signatureKey: 'sq_key',
        notificationUrl: url,
      })
    await expect(verify(notificationUrl)).resolves.toBe(true)
    await expect(verify('https://example.com/other')).resolves.toBe(false)
  })

  it('verifies against notificationUrl, not the URL the request reached behind a proxy', async () => {
    const signed = await square({ secret: 'sq_key', notificationUrl }).sign({ body })
    const event = await verifyWebhook(
      square({ secret: 'sq_key', notificationUrl }),
      received(signed, { url: 'http://10.0.0.7:8080/square' }),
    )
    expect(event).toMatchObject({ id: 'sq-evt-1', type: 'payment.updated', providerName: 'square' })
    // Without notificationUrl the request's own absolute URL is what must have been signed.
    const byUrl = square({ secret: 'sq_key' })
    await expect(byUrl.verify(received(signed, { url: notificationUrl }))).resolves.toBeDefined()
    expect((await rejectionOf(byUrl.verify(received(signed, { url: 'http://10.0.0.7/square' })))).code).toBe(
      'invalid_signature',
    )
  })

  it('refuses a notificationUrl that is not absolute when built', () => {
    expect(() => square({ secret: 'sq_key', notificationUrl: '/webhooks/square' })).toThrow(/notificationUrl/)
  })
})
