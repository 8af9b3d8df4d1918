import { generateKeyPairSync } from 'node:crypto'
import * as nodeCore from '@hookgate/core'
import { createReceiver } from '@hookgate/core'
import { EventWebhook } from '@sendgrid/eventwebhook'
import { describe, expect, it } from 'vitest'
import { clockAt, loadCoreOnWebCrypto, received, rejectionOf } from '../helpers.js'
import { sendgridVectors } from '../vectors.js'

// SendGrid's ECDSA P-256 signatures: the vectors of @sendgrid/eventwebhook's own tests, a self-signed key,
// and what EventWebhook.verifySignature accepts, on both crypto backends.
const web = await loadCoreOnWebCrypto()
const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const publicKey = pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64')
const secret = pair.privateKey.export({ format: 'jwk' })
const now = 1_760_000_000
const events = JSON.stringify([
  { email: 'a@example.com', event: 'delivered', sg_event_id: 'ev-1', timestamp: now },
  { email: 'b@example.com', event: 'open', sg_event_id: 'ev-2', timestamp: now },
])
const sdk = new EventWebhook()
const sdkAccepts = (key: string, body: string, headers: Record<string, string>) =>
  sdk.verifySignature(
    sdk.convertPublicKeyToECDSA(key),
    body,
    headers['X-Twilio-Email-Event-Webhook-Signature']!,
    headers['X-Twilio-Email-Event-Webhook-Timestamp']!,
  )

describe.each([
  ['node:crypto', nodeCore],
  ['Web Crypto', web.core],
])('%s', (_, core) => {
  it.each(sendgridVectors)('verifies the package test vector: $name', async (vector) => {
    const provider = core.sendgrid({ publicKey: vector.publicKey, now: clockAt(vector.timestamp) })
    const headers = {
      'X-Twilio-Email-Event-Webhook-Signature': vector.signature,
      'X-Twilio-Email-Event-Webhook-Timestamp': String(vector.timestamp),
    }
    expect(sdkAccepts(vector.publicKey, vector.body, headers)).toBe(true)
    const event = await core.verifyWebhook(provider, { headers, body: vector.body })
    expect(event).toMatchObject({ id: vector.firstId, type: vector.firstType, providerName: 'sendgrid' })
    const tampered = `${vector.body.slice(0, -3)} \r\n`
    expect((await rejectionOf(provider.verify({ headers, body: tampered }))).code).toBe('invalid_signature')
  })

  const provider = core.sendgrid({ publicKey, secret, now: clockAt(now) })

  it('signs what EventWebhook.verifySignature accepts, and verifies it', async () => {
    const signed = await provider.sign({ body: events })
    expect(sdkAccepts(publicKey, events, signed.headers)).toBe(true)
    expect(await core.verifyWebhook(provider, received(signed))).toMatchObject({
      id: 'ev-1',
      type: 'delivered',
    })
    // The key as SendGrid's PEM armor wraps it works too.
    const pem = `-----BEGIN PUBLIC KEY-----\n${publicKey.match(/.{1,64}/g)!.join('\n')}\n-----END PUBLIC KEY-----\n`
    await expect(
      core.sendgrid({ publicKey: pem, now: clockAt(now) }).verify(received(signed)),
    ).resolves.toBeDefined()
  })

  it('rejects a tampered byte, another key and a stale timestamp (401)', async () => {
    const signed = await provider.sign({ body: events })
    const tampered = events.replace('ev-2', 'ev-3')
    expect(sdkAccepts(publicKey, tampered, signed.headers)).toBe(false)
    expect((await rejectionOf(provider.verify(received(signed, { body: tampered })))).status).toBe(401)
    const vectorKey = sendgridVectors[0]!.publicKey
    const rotated = core.sendgrid({ publicKey: [vectorKey], now: clockAt(now) })
    expect((await rejectionOf(rotated.verify(received(signed)))).code).toBe('invalid_signature')
    await expect(
      core.sendgrid({ publicKey: [vectorKey, publicKey], now: clockAt(now) }).verify(received(signed)),
    ).resolves.toBeDefined()
    const stale = await provider.sign({ body: events, timestamp: now - 600 })
    expect((await rejectionOf(provider.verify(received(stale)))).code).toBe('timestamp_too_old')
  })

  it('refuses a signature that is not DER, and bodies that are no array of events', async () => {
    const signed = await provider.sign({ body: events })
    const raw = {
      ...signed.headers,
      'X-Twilio-Email-Event-Webhook-Signature': Buffer.alloc(64, 1).toString('base64'),
    }
    expect((await rejectionOf(provider.verify(received(signed, { headers: raw })))).code).toBe(
      'invalid_signature',
    )
    const object = await provider.sign({ body: '{"event":"open"}' })
    expect((await rejectionOf(core.verifyWebhook(provider, received(object)))).code).toBe('malformed_payload')
  })

  it('refuses keys it cannot use, naming the option', () => {
    expect(() => core.sendgrid({ publicKey: '' })).toThrow(/sendgrid: publicKey is required/)
    expect(() => core.sendgrid({ publicKey: 'not base64!' })).toThrow(/sendgrid: publicKey must be/)
    expect(() => core.sendgrid({ publicKey, secret: '{"kty":"OKP"}' })).toThrow(/sendgrid: secret must be/)
  })
})

describe('a batch, through a receiver', () => {
  it('hands off each event on its own, by sg_event_id and event', async () => {
    const provider = nodeCore.sendgrid({ publicKey, secret, now: clockAt(now) })
    const receiver = createReceiver({ provider, ack: 'handled' })
    const seen: string[] = []
    receiver.on('delivered', (event) => {
      seen.push(`${event.type}:${event.id}`)
    })
    receiver.on('open', (event) => {
      seen.push(`${event.type}:${event.id}`)
    })
    const outcome = await receiver.receive({
      method: 'POST',
      ...received(await provider.sign({ body: events })),
    })
    expect(outcome.status).toBeLessThan(300)
    expect(seen.sort()).toEqual(['delivered:ev-1', 'open:ev-2'])
    await receiver.close()
  })
})
