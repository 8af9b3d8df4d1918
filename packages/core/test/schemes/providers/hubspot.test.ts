import { hubspot, verifyWebhook } from '@hookgate/core'
import { Signature } from '@hubspot/api-client'
import { describe, expect, it } from 'vitest'
import { received, rejectionOf } from '../helpers.js'

const clientSecret = 'hs-client-secret'
const url = 'https://example.com/webhooks/hubspot?portal=62515'
const body = JSON.stringify([
  { eventId: 4001, subscriptionType: 'contact.propertyChange', objectId: 123, occurredAt: 1564113600000 },
  { eventId: 4002, subscriptionType: 'contact.creation', objectId: 124, occurredAt: 1564113600000 },
])

describe('hubspot', () => {
  it('signs v3 as Signature.isValid expects, and verifies it (named after the first event of the batch)', async () => {
    const provider = hubspot({ secret: clientSecret })
    const signed = await provider.sign({ body, url })
    const isValid = Signature.isValid({
      signatureVersion: 'v3',
      signature: signed.headers['X-HubSpot-Signature-v3']!,
      clientSecret,
      requestBody: body,
      url,
      method: 'POST',
      timestamp: Number(signed.headers['X-HubSpot-Request-Timestamp']),
    })
    expect(isValid).toBe(true)
    const event = await verifyWebhook(provider, received(signed))
    expect(event).toMatchObject({ id: '4001', type: 'contact.propertyChange', providerName: 'hubspot' })
  })

  it.each(['v1', 'v2'] as const)('verifies a %s signature the SDK computes', async (version) => {
    const signature = Signature.getSignature('POST', version, {
      signature: '',
      clientSecret,
      requestBody: body,
      url,
    })
    const headers = { 'X-HubSpot-Signature': signature, 'X-HubSpot-Signature-Version': version }
    await expect(hubspot({ secret: clientSecret }).verify({ url, headers, body })).resolves.toBeDefined()
    // v2 covers the URL, v1 does not.
    const elsewhere = hubspot({ secret: clientSecret }).verify({
      url: 'https://example.com/other',
      headers,
      body,
    })
    if (version === 'v1') await expect(elsewhere).resolves.toBeDefined()
    else expect((await rejectionOf(elsewhere)).code).toBe('invalid_signature')
  })

  it('verifies a v3 signature of the SDK, and refuses it 6 minutes later or for another method', async () => {
    const timestamp = Date.now()
    const signature = Signature.getSignature('POST', 'v3', {
      signature: '',
      clientSecret,
      requestBody: body,
      url,
      timestamp,
    })
    const headers = { 'X-HubSpot-Signature-v3': signature, 'X-HubSpot-Request-Timestamp': String(timestamp) }
    await expect(hubspot({ secret: clientSecret }).verify({ url, headers, body })).resolves.toBeDefined()
    const later = hubspot({ secret: clientSecret, now: () => timestamp + 360_000 })
    expect((await rejectionOf(later.verify({ url, headers, body }))).code).toBe('timestamp_too_old')
    const put = hubspot({ secret: clientSecret }).verify({ method: 'PUT', url, headers, body })
    expect((await rejectionOf(put)).code).toBe('invalid_signature')
  })
})
