import { signRequest, verifyRequest } from '@contentful/node-apps-toolkit'
import { contentful, verifyWebhook } from '@hookgate/core'
import { describe, expect, it } from 'vitest'
import { received, rejectionOf } from '../helpers.js'

const secret = 'c'.repeat(32) + 'd'.repeat(32) // the toolkit wants 64 characters
const path = '/webhooks/contentful?space=abc&env=master'
const body = JSON.stringify({ sys: { id: 'entry_1', version: 7, type: 'Entry' }, fields: {} })
const topic = 'ContentManagement.Entry.publish'

describe('contentful', () => {
  it('verifies what signRequest signs, query double-escaped and extra signed headers included', async () => {
    const headers = { 'X-Contentful-Topic': topic, 'content-type': 'application/json' }
    const signature = signRequest(secret, { method: 'POST', path, headers, body })
    const event = await verifyWebhook(contentful({ secret }), {
      url: `https://example.com${path}`,
      headers: { ...headers, ...signature },
      body,
    })
    expect(event).toMatchObject({ type: topic, id: `${topic}:entry_1:7`, providerName: 'contentful' })
  })

  it('signs what verifyRequest accepts', async () => {
    const signed = await contentful({ secret }).sign({ body, url: `https://example.com${path}`, type: topic })
    expect(verifyRequest(secret, { method: 'POST', path, headers: signed.headers, body })).toBe(true)
    expect(verifyRequest(secret, { method: 'POST', path: '/other', headers: signed.headers, body })).toBe(
      false,
    )
  })

  it('refuses signed headers that leave out the timestamp', async () => {
    const signed = await contentful({ secret }).sign({ body, url: path, type: topic })
    const headers = { ...signed.headers, 'x-contentful-signed-headers': 'x-contentful-signed-headers' }
    expect((await rejectionOf(contentful({ secret }).verify(received(signed, { headers })))).code).toBe(
      'malformed_header',
    )
  })
})
