import {
  createHash,
  createHmac,
  generateKeyPairSync,
  sign as nodeSign,
  verify as nodeVerify,
} from 'node:crypto'
import { github, standardWebhooks, stripe, twilio, verifyWebhook } from '@hookgate/core'
import { sign as octokitSign, verify as octokitVerify } from '@octokit/webhooks-methods'
import { Webhook as StandardWebhook } from 'standardwebhooks'
import Stripe from 'stripe'
import { Webhook as SvixWebhook } from 'svix'
import twilioSdk from 'twilio'
import { describe, expect, it } from 'vitest'
import { clockAt, received } from './helpers.js'

// What the providers' own libraries sign we verify; what we sign they verify.
const now = 1_760_000_000
const event = JSON.stringify({
  id: 'evt_1N',
  object: 'event',
  type: 'invoice.paid',
  data: { object: { id: 'in_1' } },
})

describe('stripe', () => {
  const sdk = new Stripe('sk_test_interop')
  const secret = 'whsec_interopSecret'
  const provider = stripe({ secret, now: clockAt(now) })

  it('verifies what generateTestHeaderString signs', async () => {
    const header = sdk.webhooks.generateTestHeaderString({ payload: event, secret, timestamp: now })
    const verified = await verifyWebhook(provider, { headers: { 'stripe-signature': header }, body: event })
    expect(verified).toMatchObject({ id: 'evt_1N', type: 'invoice.paid', providerName: 'stripe' })
  })

  it('signs what constructEvent accepts', async () => {
    const signed = await provider.sign({ body: event })
    const header = signed.headers['Stripe-Signature']!
    expect(header).toMatch(new RegExp(`^t=${now},v1=[0-9a-f]{64}$`))
    expect(sdk.webhooks.constructEvent(event, header, secret, 300, undefined, now * 1000)).toMatchObject({
      id: 'evt_1N',
    })
  })

  it('signs with the first secret while rotating, and accepts either', async () => {
    const rotating = stripe({ secret: ['whsec_new', secret], now: clockAt(now) })
    const header = sdk.webhooks.generateTestHeaderString({ payload: event, secret, timestamp: now })
    await expect(
      rotating.verify({ headers: { 'stripe-signature': header }, body: event }),
    ).resolves.toBeDefined()
    const signed = await rotating.sign({ body: event })
    expect(() =>
      sdk.webhooks.constructEvent(
        event,
        signed.headers['Stripe-Signature']!,
        'whsec_new',
        300,
        undefined,
        now * 1000,
      ),
    ).not.toThrow()
  })
})

describe('standard webhooks (svix, standardwebhooks)', () => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
  const body = JSON.stringify({ type: 'user.created', data: { id: 'user_1' } })
  // Both libraries read Date.now(), so these deliveries are timestamped with the real clock.
  const provider = standardWebhooks({ secret })
  const fresh = () => Math.floor(Date.now() / 1000)

  it.each([
    ['svix', (id: string, at: Date) => new SvixWebhook(secret).sign(id, at, body), 'svix'],
    ['standardwebhooks', (id: string, at: Date) => new StandardWebhook(secret).sign(id, at, body), 'webhook'],
  ])('verifies what %s signs', async (_, sign, prefix) => {
    const at = fresh()
    const headers = {
      [`${prefix}-id`]: 'msg_interop',
      [`${prefix}-timestamp`]: String(at),
      [`${prefix}-signature`]: sign('msg_interop', new Date(at * 1000)),
    }
    const verified = await verifyWebhook(provider, { headers, body })
    expect(verified).toMatchObject({
      id: 'msg_interop',
      type: 'user.created',
      providerName: 'standard-webhooks',
    })
  })

  it('signs what svix and standardwebhooks verify, with either header prefix', async () => {
    const signed = await provider.sign({ body })
    expect(new StandardWebhook(secret).verify(body, signed.headers)).toMatchObject({ type: 'user.created' })
    expect(new SvixWebhook(secret).verify(body, signed.headers)).toMatchObject({ type: 'user.created' })
    const svixSigned = await standardWebhooks({ secret, headerPrefix: 'svix' }).sign({ body })
    expect(Object.keys(svixSigned.headers)).toEqual(
      expect.arrayContaining(['svix-id', 'svix-timestamp', 'svix-signature']),
    )
    expect(new SvixWebhook(secret).verify(body, svixSigned.headers)).toMatchObject({ type: 'user.created' })
  })
})

describe('standard webhooks v1a (ed25519), which no JS library verifies', () => {
  const pair = generateKeyPairSync('ed25519')
  const { d, x } = pair.privateKey.export({ format: 'jwk' })
  const whsk = `whsk_${Buffer.from(d!, 'base64url').toString('base64')}`
  const whpk = `whpk_${Buffer.from(x!, 'base64url').toString('base64')}`
  const body = '{"type":"invoice.paid"}'
  const input = { body, id: 'msg_ed', timestamp: now }

  it('signs with whsk_, verifies with whpk_, and node:crypto agrees', async () => {
    const signed = await standardWebhooks({ secret: whsk, now: clockAt(now) }).sign(input)
    const [version, signature] = signed.headers['webhook-signature']!.split(',')
    expect(version).toBe('v1a')
    expect(
      nodeVerify(
        null,
        Buffer.from(`msg_ed.${now}.${body}`),
        pair.publicKey,
        Buffer.from(signature!, 'base64'),
      ),
    ).toBe(true)
    await expect(
      standardWebhooks({ publicKey: whpk, now: clockAt(now) }).verify(received(signed)),
    ).resolves.toMatchObject({
      id: 'msg_ed',
    })
    // A signing key verifies too, through its public half.
    await expect(
      standardWebhooks({ secret: whsk, now: clockAt(now) }).verify(received(signed)),
    ).resolves.toBeDefined()
  })

  it('verifies a signature node:crypto made, and accepts the 64-byte seed+public key form of whsk_', async () => {
    const signature = nodeSignature(`msg_ed.${now}.${body}`)
    const headers = {
      'webhook-id': 'msg_ed',
      'webhook-timestamp': String(now),
      'webhook-signature': `v1a,${signature}`,
    }
    await expect(
      standardWebhooks({ publicKey: whpk, now: clockAt(now) }).verify({ headers, body }),
    ).resolves.toBeDefined()
    const long = `whsk_${Buffer.concat([Buffer.from(d!, 'base64url'), Buffer.from(x!, 'base64url')]).toString('base64')}`
    const signed = await standardWebhooks({ secret: long, now: clockAt(now) }).sign(input)
    expect(signed.headers['webhook-signature']).toBe(`v1a,${signature}`)
  })

  it('signs v1 and v1a into one header; each kind of key verifies it, and so does svix', async () => {
    const hmacSecret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
    const signed = await standardWebhooks({ secret: [hmacSecret, whsk], now: clockAt(now) }).sign(input)
    expect(signed.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}= v1a,[A-Za-z0-9+/]{86}==$/)
    const keys = [{ secret: hmacSecret }, { publicKey: whpk }, { publicKey: whpk, secret: hmacSecret }]
    for (const key of keys) {
      await expect(
        standardWebhooks({ ...key, now: clockAt(now) }).verify(received(signed)),
      ).resolves.toBeDefined()
    }
    const live = await standardWebhooks({ secret: [hmacSecret, whsk] }).sign({ body })
    expect(new SvixWebhook(hmacSecret).verify(body, live.headers)).toMatchObject({ type: 'invoice.paid' })
  })

  it('rejects a v1a signature from another key pair', async () => {
    const other = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }).d!
    const signed = await standardWebhooks({
      secret: `whsk_${Buffer.from(other, 'base64url').toString('base64')}`,
      now: clockAt(now),
    }).sign(input)
    await expect(
      standardWebhooks({ publicKey: whpk, now: clockAt(now) }).verify(received(signed)),
    ).rejects.toMatchObject({
      code: 'invalid_signature',
    })
  })

  // node:crypto's own signer, independent of hookgate's backend.
  const nodeSignature = (content: string) =>
    nodeSign(null, Buffer.from(content), pair.privateKey).toString('base64')
})

describe('@octokit/webhooks-methods', () => {
  const secret = 'octokit secret'
  const provider = github({ secret })
  const body = JSON.stringify({ action: 'opened', issue: { number: 1 } })

  it('verifies what octokit signs', async () => {
    const headers = {
      'x-hub-signature-256': await octokitSign(secret, body),
      'x-github-event': 'issues',
      'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
    }
    const verified = await verifyWebhook(provider, { headers, body })
    expect(verified).toMatchObject({ id: '72d3162e-cc78-11e3-81ab-4c9367dc0958', type: 'issues.opened' })
  })

  it('signs what octokit verifies', async () => {
    const signed = await provider.sign({ body, type: 'issues.opened' })
    expect(signed.headers['X-GitHub-Event']).toBe('issues')
    expect(await octokitVerify(secret, body, signed.headers['X-Hub-Signature-256']!)).toBe(true)
  })
})

describe('twilio', () => {
  const secret = 'twilio-auth-token'
  const provider = twilio({ secret })
  const url = 'https://example.com/twilio/sms?account=1'
  const params = { MessageSid: 'SM1', SmsStatus: 'received', Body: 'Hi there + more', From: '+15551234567' }
  const form = new URLSearchParams(params).toString()

  it('verifies what getExpectedTwilioSignature signs, for a form body', async () => {
    const signature = twilioSdk.getExpectedTwilioSignature(secret, url, params)
    const verified = await verifyWebhook(provider, {
      url,
      headers: { 'x-twilio-signature': signature },
      body: form,
    })
    expect(verified).toMatchObject({ type: 'message.received', payload: params })
  })

  it('signs what validateRequest accepts, for a form body', async () => {
    const signed = await provider.sign({ body: form, url, id: 'idem-1' })
    expect(signed.headers['I-Twilio-Idempotency-Token']).toBe('idem-1')
    expect(twilioSdk.validateRequest(secret, signed.headers['X-Twilio-Signature']!, url, params)).toBe(true)
  })

  it('verifies a signature made for the URL with its default port, as Twilio sometimes does', async () => {
    const signature = twilioSdk.getExpectedTwilioSignature(
      secret,
      'https://example.com:443/twilio/sms?account=1',
      params,
    )
    await expect(
      provider.verify({ url, headers: { 'x-twilio-signature': signature }, body: form }),
    ).resolves.toBeDefined()
  })

  it('verifies and signs JSON bodies through bodySHA256', async () => {
    const body = JSON.stringify({ type: 'com.twilio.messaging.message.delivered', data: {} })
    const hash = createHash('sha256').update(body).digest('hex')
    const signedUrl = `${url}&bodySHA256=${hash}`
    const signature = twilioSdk.getExpectedTwilioSignature(secret, signedUrl, {})
    const verified = await verifyWebhook(provider, {
      url: signedUrl,
      headers: { 'x-twilio-signature': signature },
      body,
    })
    expect(verified.type).toBe('com.twilio.messaging.message.delivered')

    const ours = await provider.sign({ body, url })
    expect(ours.url).toBe(signedUrl)
    expect(
      twilioSdk.validateRequestWithBody(secret, ours.headers['X-Twilio-Signature']!, ours.url!, body),
    ).toBe(true)
  })

  it('rejects a JSON body that does not match its bodySHA256', async () => {
    const signed = await provider.sign({ body: '{"a":1}', url })
    await expect(provider.verify(received(signed, { body: '{"a":2}' }))).rejects.toMatchObject({
      code: 'invalid_signature',
    })
  })

  it('agrees with a plain HMAC-SHA1 of the URL and sorted parameters', async () => {
    const expected = createHmac('sha1', secret)
      .update(
        `${url}Body${params.Body}From${params.From}MessageSid${params.MessageSid}SmsStatus${params.SmsStatus}`,
      )
      .digest('base64')
    expect((await provider.sign({ body: form, url })).headers['X-Twilio-Signature']).toBe(expected)
  })
})
