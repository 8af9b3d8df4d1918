import { cloudEvents, createReceiver, okta, verifyWebhook } from '@hookgate/core'
import { describe, expect, it, vi } from 'vitest'
import { bodyOf, quiet, until } from '../../receiver/helpers.js'
import { cloudEventsToken, oktaSecret } from './cases.js'

describe('okta', () => {
  const provider = okta({ secret: oktaSecret })

  it('answers the verification GET only when it carries the secret', async () => {
    const receiver = createReceiver({ provider, logger: quiet })
    const challenge = { 'X-Okta-Verification-Challenge': 'c' }
    const without = await receiver.receive({ method: 'GET', headers: challenge, body: '' })
    const wrong = await receiver.receive({
      method: 'GET',
      headers: { ...challenge, Authorization: 'guess' },
      body: '',
    })
    expect([without.status, wrong.status]).toEqual([400, 401])
    const plain = await receiver.receive({ method: 'GET', headers: { Authorization: oktaSecret }, body: '' })
    expect(plain.status).toBe(405)
    await receiver.close()
  })

  it('splits data.events[] into events deduplicated on their uuid', async () => {
    const receiver = createReceiver({ provider, logger: quiet })
    const handled = vi.fn()
    receiver.on('*', handled)
    const body = JSON.stringify({
      eventId: 'delivery-1',
      data: {
        events: [
          { uuid: 'u1', eventType: 'user.session.start' },
          { uuid: 'u2', eventType: 'user.session.end' },
        ],
      },
    })
    const headers = { Authorization: oktaSecret, 'content-type': 'application/json' }
    const first = await receiver.receive({ method: 'POST', headers, body })
    expect(bodyOf(first).items).toEqual([
      { id: 'u1', code: 'accepted' },
      { id: 'u2', code: 'accepted' },
    ])
    const again = await receiver.receive({ method: 'POST', headers, body })
    expect(again.code).toBe('duplicate')
    await until(() =>
      expect(handled.mock.calls.map(([event]) => event.type)).toEqual([
        'user.session.start',
        'user.session.end',
      ]),
    )
    await receiver.close()
  })
})

describe('cloudEvents', () => {
  const provider = cloudEvents({ token: cloudEventsToken, allowedOrigins: ['eventemitter.example.com'] })
  const bearer = { Authorization: `Bearer ${cloudEventsToken}` }

  it('refuses the OPTIONS request of an origin it does not know, and by default every origin', async () => {
    for (const sender of [provider, cloudEvents({ token: cloudEventsToken })]) {
      const receiver = createReceiver({ provider: sender, logger: quiet })
      const headers = { 'WebHook-Request-Origin': 'evil.example.net' }
      const outcome = await receiver.receive({ method: 'OPTIONS', headers, body: '' })
      expect([outcome.status, outcome.headers['webhook-allowed-origin']]).toEqual([403, undefined])
      await receiver.close()
    }
  })

  it('reads binary mode: attributes in ce- headers, the data in the body', async () => {
    const headers = {
      ...bearer,
      'ce-specversion': '1.0',
      'ce-id': '1',
      'ce-source': 'urn:event:from:myapi/resource/123',
      'ce-type': 'com.example.object.deleted.v2',
      'content-type': 'application/json',
    }
    const event = await verifyWebhook(provider, { headers, body: '{"n":1}' })
    expect([event.id, event.type]).toEqual([
      'urn:event:from:myapi/resource/123 1',
      'com.example.object.deleted.v2',
    ])
    expect(event.payload).toMatchObject({ specversion: '1.0', data: { n: 1 } })
    const { 'ce-source': _, ...sourceless } = headers
    await expect(verifyWebhook(provider, { headers: sourceless, body: '{}' })).rejects.toMatchObject({
      code: 'missing_header',
    })
  })

  it('splits a batch into events whose ids are namespaced by their source', async () => {
    const receiver = createReceiver({ provider, logger: quiet })
    receiver.on('*', () => {})
    const batch = [
      { specversion: '1.0', id: '1', source: '/a', type: 't' },
      { specversion: '1.0', id: '1', source: '/b', type: 't' },
    ]
    const headers = { ...bearer, 'content-type': 'application/cloudevents-batch+json' }
    const outcome = await receiver.receive({ method: 'POST', headers, body: JSON.stringify(batch) })
    expect(bodyOf(outcome).items).toEqual([
      { id: '/a 1', code: 'accepted' },
      { id: '/b 1', code: 'accepted' },
    ])
    const unsigned = await receiver.receive({
      method: 'POST',
      headers: { 'content-type': headers['content-type'] },
      body: '[]',
    })
    expect(unsigned.code).toBe('missing_header')
    await receiver.close()
  })
})
