import { createHmac } from 'node:crypto'
import { hmacValidator } from '@adyen/api-library'
import { adyen, braintree, createReceiver, mailgun, microsoftGraph, verifyWebhook } from '@hookgate/core'
import braintreeSdk from 'braintree'
import { describe, expect, it } from 'vitest'
import { bodyOf, quiet } from '../../receiver/helpers.js'
import { clockAt, rejectionOf } from '../helpers.js'
import { adyenExample } from '../vectors.js'
import { braintreeKeys, graphClientState } from './cases.js'

const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) => ({
  method: 'POST',
  headers,
  body,
})

describe('mailgun', () => {
  const secret = 'mailgun-signing-key'
  const at = 1_760_000_000
  const provider = mailgun({ secret, now: clockAt(at) })
  /** Signed as Mailgun does, with node:crypto. */
  const delivery = (timestamp: number, token = 'a'.repeat(50)) =>
    JSON.stringify({
      signature: {
        timestamp: String(timestamp),
        token,
        signature: createHmac('sha256', secret).update(`${timestamp}${token}`).digest('hex'),
      },
      'event-data': { id: 'CPgfbmQMTCKtHW6uIWtuVe', event: 'delivered' },
    })

  it('verifies the signature inside the body; id and type from event-data', async () => {
    const event = await verifyWebhook(provider, post(delivery(at)))
    expect([event.id, event.type, event.timestamp?.getTime()]).toEqual([
      'CPgfbmQMTCKtHW6uIWtuVe',
      'delivered',
      at * 1000,
    ])
    const tampered = delivery(at).replace('"token":"a', '"token":"b')
    expect((await rejectionOf(provider.verify(post(tampered)))).code).toBe('invalid_signature')
  })

  it('checks the timestamp both ways, and signs what it verifies', async () => {
    expect((await rejectionOf(provider.verify(post(delivery(at - 301))))).code).toBe('timestamp_too_old')
    expect((await rejectionOf(provider.verify(post(delivery(at + 301))))).code).toBe('timestamp_in_future')
    const signed = await provider.sign({
      body: JSON.stringify({ 'event-data': { id: 'x', event: 'opened' } }),
    })
    await expect(verifyWebhook(provider, post(String(signed.body)))).resolves.toMatchObject({
      type: 'opened',
    })
    expect((await rejectionOf(provider.verify(post('{"event-data":{}}')))).code).toBe('malformed_payload')
  })
})

describe('adyen', () => {
  // The known answer of Adyen's docs (vectors.ts, which the runtimes run too).
  const { key } = adyenExample
  const item = (hmacSignature?: string, pspReference = adyenExample.item.pspReference) => ({
    NotificationRequestItem: {
      ...adyenExample.item,
      additionalData: hmacSignature === undefined ? {} : { hmacSignature },
      pspReference,
    },
  })
  const provider = adyen({ secret: key })

  it('verifies the docs known answer, which Adyen’s library accepts too', async () => {
    const known = item(adyenExample.hmacSignature)
    expect(new hmacValidator().validateHMAC(known.NotificationRequestItem as never, key)).toBe(true)
    const body = JSON.stringify({ live: 'false', notificationItems: [known] })
    await expect(provider.verify(post(body))).resolves.toBeDefined()
    const changed = body.replace('"value":1130', '"value":1131')
    expect((await rejectionOf(provider.verify(post(changed)))).code).toBe('invalid_signature')
  })

  it('signs each item as Adyen’s library computes, and splits a delivery into one event per item', async () => {
    const body = JSON.stringify({
      live: 'false',
      notificationItems: [item(), item(undefined, '8814073381342285')],
    })
    const signed = JSON.parse(String((await provider.sign({ body })).body))
    for (const { NotificationRequestItem } of signed.notificationItems)
      expect(new hmacValidator().validateHMAC(NotificationRequestItem, key)).toBe(true)
    const receiver = createReceiver({ provider, logger: quiet })
    receiver.on('AUTHORISATION', () => {})
    const outcome = await receiver.receive(post(JSON.stringify(signed)))
    expect(bodyOf(outcome).items).toEqual([
      { id: '7914073381342284:AUTHORISATION', code: 'accepted' },
      { id: '8814073381342285:AUTHORISATION', code: 'accepted' },
    ])
    await receiver.close()
  })

  it('names the secret when it is not hex', () => {
    expect(() => adyen({ secret: 'not-hex' })).toThrow(/adyen: secret/)
  })
})

describe('braintree', () => {
  const gateway = new braintreeSdk.BraintreeGateway({
    environment: braintreeSdk.Environment.Sandbox,
    merchantId: 'merchant',
    ...{ publicKey: braintreeKeys.publicKey, privateKey: braintreeKeys.secret },
  })
  const provider = braintree(braintreeKeys)
  const form = (fields: Record<string, string>) =>
    post(new URLSearchParams(fields).toString(), { 'content-type': 'application/x-www-form-urlencoded' })

  it('verifies what the braintree SDK signs, and reads kind and timestamp from its XML', async () => {
    const sample = await gateway.webhookTesting.sampleNotification('subscription_went_past_due', 'sub_1')
    const event = await verifyWebhook(provider, form(sample))
    expect(event.type).toBe('subscription_went_past_due')
    expect((event.payload as { timestamp: string }).timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T/)
    const tampered = { ...sample, bt_payload: `A${sample.bt_payload.slice(1)}` }
    expect((await rejectionOf(provider.verify(form(tampered))))?.code).toBe('invalid_signature')
  })

  it('signs what the SDK parses, and answers the challenge as the SDK does', async () => {
    const xml =
      '<notification><timestamp type="datetime">2026-12-01T10:00:00Z</timestamp><kind>check</kind><subject><check type="boolean">true</check></subject></notification>'
    const signed = new URLSearchParams(String((await provider.sign({ body: xml })).body))
    const parsed = await gateway.webhookNotification.parse(
      signed.get('bt_signature')!,
      signed.get('bt_payload')!,
    )
    expect(parsed.kind).toBe('check')
    const challenge = '20f9f8ed05f77439fe955c977e4c8a53'
    const receiver = createReceiver({ provider, logger: quiet })
    const answer = await receiver.receive({
      method: 'GET',
      url: `/bt?bt_challenge=${challenge}`,
      headers: {},
      body: '',
    })
    expect(answer.body).toBe(gateway.webhookNotification.verify(challenge))
    await receiver.close()
  })
})

describe('microsoftGraph', () => {
  const provider = microsoftGraph({ clientState: graphClientState })
  const notification = (n: number, clientState = graphClientState) => ({
    subscriptionId: 's-1',
    clientState,
    changeType: 'updated',
    resource: 'users/u/messages/m',
    resourceData: { n },
  })

  it('splits value[] into events whose ids stay the same however Graph batches them', async () => {
    const receiver = createReceiver({ provider, logger: quiet })
    receiver.on('updated', () => {})
    const first = await receiver.receive(post(JSON.stringify({ value: [notification(1), notification(2)] })))
    const ids = (bodyOf(first).items as { id: string }[]).map((item) => item.id)
    expect(new Set(ids).size).toBe(2)
    const rebatched = await receiver.receive(
      post(JSON.stringify({ value: [notification(2), notification(3)] })),
    )
    expect((bodyOf(rebatched).items as { id: string; code: string }[]).map((item) => item.code)).toEqual([
      'duplicate',
      'accepted',
    ])
    expect((bodyOf(rebatched).items as { id: string }[])[0]!.id).toBe(ids[1])
    await receiver.close()
  })

  it('refuses the whole delivery when one notification carries another clientState', async () => {
    const body = JSON.stringify({ value: [notification(1), notification(2, 'guess')] })
    expect((await rejectionOf(provider.verify(post(body)))).code).toBe('invalid_signature')
  })
})
