import {
  github,
  type Provider,
  shopify,
  slack,
  standardWebhooks,
  stripe,
  twilio,
  verifyWebhook,
} from '@hookgate/core'
import { describe, expect, it } from 'vitest'
import { clockAt, received, rejectionOf } from './helpers.js'

const now = 1_760_000_000
const deliver = async (provider: Provider, input: Parameters<Provider['sign']>[0]) =>
  verifyWebhook(provider, received(await provider.sign(input)))

describe('stripe', () => {
  const provider = stripe({ secret: 'whsec_parse', now: clockAt(now) })

  it("takes id and type from the event, and the signed time as the event's timestamp", async () => {
    const event = await deliver(provider, { body: '{"id":"evt_9","type":"charge.refunded","data":{}}' })
    expect(event).toMatchObject({ id: 'evt_9', type: 'charge.refunded', providerName: 'stripe' })
    expect(event.timestamp).toEqual(new Date(now * 1000))
  })

  it('refuses a signed body that is not a Stripe event with malformed_payload', async () => {
    for (const body of ['not json', '{"id":1,"type":"x"}', '[]']) {
      const error = await rejectionOf(deliver(provider, { body }))
      expect(error, body).toMatchObject({ code: 'malformed_payload', status: 400 })
    }
  })
})

describe('github', () => {
  const provider = github({ secret: 'gh' })

  it('knows id and event from the headers before parsing, and joins the action after', async () => {
    const signed = await provider.sign({ body: '{"action":"opened"}', type: 'pull_request', id: 'guid-1' })
    const verified = await provider.verify(received(signed))
    expect(verified).toMatchObject({ id: 'guid-1', type: 'pull_request' })
    expect(provider.parse(verified)).toMatchObject({ id: 'guid-1', type: 'pull_request.opened' })
    expect(await deliver(provider, { body: '{"zen":"Keep it simple"}', type: 'ping' })).toMatchObject({
      type: 'ping',
    })
  })

  it('reads the form content type (payload=<json>)', async () => {
    const body = `payload=${encodeURIComponent('{"action":"created","comment":{"id":3}}')}`
    const event = await deliver(provider, { body, type: 'issue_comment' })
    expect(event).toMatchObject({ type: 'issue_comment.created', payload: { comment: { id: 3 } } })
  })

  it('requires the event header', async () => {
    const signed = await provider.sign({ body: '{}', type: 'push' })
    const { 'X-GitHub-Event': _, ...headers } = signed.headers
    expect(await rejectionOf(provider.verify(received(signed, { headers })))).toMatchObject({
      code: 'missing_header',
    })
  })
})

describe('shopify', () => {
  const provider = shopify({ secret: 'shop' })

  it('takes the topic as type and the webhook id, else the event id', async () => {
    const signed = await provider.sign({ body: '{"id":1}', type: 'orders/create', id: 'wh-1' })
    expect(await verifyWebhook(provider, received(signed))).toMatchObject({
      id: 'wh-1',
      type: 'orders/create',
    })
    const { 'X-Shopify-Webhook-Id': _, ...headers } = signed.headers
    const byEvent = await verifyWebhook(
      provider,
      received(signed, { headers: { ...headers, 'X-Shopify-Event-Id': 'ev-1' } }),
    )
    expect(byEvent.id).toBe('ev-1')
  })
})

describe('slack', () => {
  const provider = slack({ secret: 'sl', now: clockAt(now) })

  it('types Events API callbacks by their inner event and keys them by event_id', async () => {
    const body = JSON.stringify({ type: 'event_callback', event_id: 'Ev1', event: { type: 'app_mention' } })
    const event = await deliver(provider, { body })
    expect(event).toMatchObject({ id: 'Ev1', type: 'app_mention' })
    expect(provider.reply?.(event)).toBeUndefined()
  })

  it('answers url_verification itself with the challenge', async () => {
    const event = await deliver(provider, { body: '{"type":"url_verification","challenge":"3eZbrw1aBm2r"}' })
    expect(event.type).toBe('url_verification')
    const reply = provider.reply!(event)!
    expect(reply).toMatchObject({ status: 200, headers: { 'content-type': 'application/json' } })
    expect(JSON.parse(reply.body)).toEqual({ challenge: '3eZbrw1aBm2r' })
  })

  it('parses interactivity (a form whose payload field is JSON) and other typed payloads', async () => {
    const interaction = { type: 'block_actions', trigger_id: '123.456', actions: [{ action_id: 'approve' }] }
    const event = await deliver(provider, {
      body: `payload=${encodeURIComponent(JSON.stringify(interaction))}`,
    })
    expect(event).toMatchObject({ type: 'block_actions', id: '123.456', payload: interaction })
    expect(await deliver(provider, { body: '{"type":"app_rate_limited","team_id":"T1"}' })).toMatchObject({
      type: 'app_rate_limited',
      id: undefined,
    })
  })

  it('refuses an interactivity payload that is not JSON', async () => {
    const error = await rejectionOf(deliver(provider, { body: 'payload=%7Bnot-json' }))
    expect(error).toMatchObject({ code: 'malformed_payload' })
  })
})

describe('twilio', () => {
  const provider = twilio({ secret: 'tw' })
  const url = 'https://example.com/twilio'
  const typeOf = async (fields: Record<string, string>) =>
    (await deliver(provider, { body: new URLSearchParams(fields).toString(), url })).type

  it('types a request by what it reports, and keys it by the idempotency token', async () => {
    expect(await typeOf({ StatusCallbackEvent: 'participant-join', CallStatus: 'in-progress' })).toBe(
      'participant-join',
    )
    expect(await typeOf({ MessageStatus: 'delivered', SmsStatus: 'delivered' })).toBe('message.delivered')
    expect(await typeOf({ SmsStatus: 'received', Body: 'hi' })).toBe('message.received')
    expect(await typeOf({ CallStatus: 'ringing' })).toBe('call.ringing')
    expect(await typeOf({ Foo: 'bar' })).toBe('webhook')
    const event = await deliver(provider, { body: 'A=1&A=2&B=3', url, id: 'idem-9' })
    expect(event).toMatchObject({ id: 'idem-9', payload: { A: ['1', '2'], B: '3' } })
  })
})

describe('standard webhooks', () => {
  const provider = standardWebhooks({ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', now: clockAt(now) })

  it("uses the payload's type, else 'webhook', and the webhook-id header", async () => {
    const signed = await provider.sign({ body: '{"type":"user.created"}' })
    expect(signed.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/)
    expect(await verifyWebhook(provider, received(signed))).toMatchObject({
      id: signed.headers['webhook-id'],
      type: 'user.created',
    })
    expect(await deliver(provider, { body: '{"data":{}}' })).toMatchObject({ type: 'webhook' })
  })

  it('requires the signed id header', async () => {
    const signed = await provider.sign({ body: '{}' })
    const { 'webhook-id': _, ...headers } = signed.headers
    expect(await rejectionOf(provider.verify(received(signed, { headers })))).toMatchObject({
      code: 'missing_header',
    })
  })
})

it('keeps a form field named __proto__ a plain field', async () => {
  const event = await deliver(twilio({ secret: 'tw' }), {
    body: '__proto__=x&a=1',
    url: 'https://example.com/',
  })
  expect(Object.getPrototypeOf(event.payload)).toBe(Object.prototype)
  expect(event.payload).toMatchObject({ a: '1' })
})
