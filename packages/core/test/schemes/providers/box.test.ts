import { createHmac } from 'node:crypto'
import { box, verifyWebhook } from '@hookgate/core'
import { WebhooksManager } from 'box-node-sdk/lib/managers/webhooks'
import { describe, expect, it } from 'vitest'
import { received, rejectionOf } from '../helpers.js'

const [primary, secondary] = ['box-primary-key', 'box-secondary-key']
const body = JSON.stringify({
  type: 'webhook_event',
  id: 'ev1',
  trigger: 'FILE.UPLOADED',
  source: { id: 'f1' },
})

describe('box', () => {
  it('signs what validateMessage accepts', async () => {
    const signed = await box({ secret: primary }).sign({ body })
    await expect(WebhooksManager.validateMessage(body, signed.headers, primary)).resolves.toBe(true)
    await expect(WebhooksManager.validateMessage(body, signed.headers, secondary)).resolves.toBe(false)
  })

  it('verifies a delivery whose secondary signature alone matches (primary key rotated away)', async () => {
    const timestamp = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z')
    const mac = (key: string) => createHmac('sha256', key).update(body).update(timestamp).digest('base64')
    const headers = {
      'box-delivery-id': 'd-1',
      'box-delivery-timestamp': timestamp,
      'box-signature-version': '1',
      'box-signature-algorithm': 'HmacSHA256',
      'box-signature-primary': mac('a-retired-key'),
      'box-signature-secondary': mac(secondary),
    }
    await expect(
      WebhooksManager.validateMessage(body, headers, 'a-retired-key', { secondaryKey: secondary }),
    ).resolves.toBe(true)
    const event = await verifyWebhook(box({ secret: [primary, secondary] }), { headers, body })
    expect(event).toMatchObject({ id: 'd-1', type: 'FILE.UPLOADED', providerName: 'box' })
  })

  it('refuses a signature version Box does not define', async () => {
    const signed = await box({ secret: primary }).sign({ body })
    const headers = { ...signed.headers, 'box-signature-version': '2' }
    expect((await rejectionOf(box({ secret: primary }).verify(received(signed, { headers })))).code).toBe(
      'malformed_header',
    )
  })
})
