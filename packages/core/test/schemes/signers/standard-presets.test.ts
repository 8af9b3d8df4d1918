import { verifyWebhook as clerkVerify } from '@clerk/backend/webhooks'
import * as nodeCore from '@hookgate/core'
import OpenAI from 'openai'
import { validateWebhook } from 'replicate'
import { Resend } from 'resend'
import { Webhook as StandardWebhook } from 'standardwebhooks'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { clockAt, loadCoreOnWebCrypto, received, rejectionOf } from '../helpers.js'

// The Standard Webhooks senders under their own names, against each sender's own library, on both
// crypto backends. The known answer is the specification's; each library accepts it, and so do we.
const web = await loadCoreOnWebCrypto()
const kat = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
}
const headersOf = (prefix: 'webhook' | 'svix', signature = kat.signature) => ({
  [`${prefix}-id`]: kat.id,
  [`${prefix}-timestamp`]: String(kat.timestamp),
  [`${prefix}-signature`]: signature,
})

/** Each library's verifier: true when it accepts the request. Every one of them reads Date.now(). */
type Accepts = (headers: Record<string, string>, body: string, secret: string) => Promise<boolean>
const accepting = async (work: () => unknown) => {
  try {
    return (await work()) !== false
  } catch {
    return false
  }
}
const libraries: Record<string, Accepts> = {
  clerk: (headers, body, secret) =>
    accepting(() =>
      clerkVerify(new Request('https://example.com/', { method: 'POST', headers, body }), {
        signingSecret: secret,
      }),
    ),
  resend: (headers, body, secret) =>
    accepting(() =>
      new Resend('re_test').webhooks.verify({
        payload: body,
        headers: {
          id: headers['svix-id']!,
          timestamp: headers['svix-timestamp']!,
          signature: headers['svix-signature']!,
        },
        webhookSecret: secret,
      }),
    ),
  replicate: (headers, body, secret) =>
    accepting(() =>
      validateWebhook(new Request('https://example.com/', { method: 'POST', headers, body }), secret),
    ),
  openai: (headers, body, secret) =>
    accepting(() => new OpenAI({ apiKey: 'sk-test', webhookSecret: secret }).webhooks.unwrap(body, headers)),
  // Supabase ships no verifier; its docs point to the standardwebhooks package.
  supabase: (headers, body, secret) =>
    accepting(() => new StandardWebhook(secret.replace(/^whsec_/, '')).verify(body, headers)),
}

const presets = [
  { name: 'clerk', prefix: 'svix', retryHorizon: 2 * 86_400_000, type: 'user.created', field: 'type' },
  { name: 'resend', prefix: 'svix', retryHorizon: 2 * 86_400_000, type: 'email.delivered', field: 'type' },
  { name: 'replicate', prefix: 'webhook', retryHorizon: 3_600_000, type: 'succeeded', field: 'status' },
  {
    name: 'openai',
    prefix: 'webhook',
    retryHorizon: 3 * 86_400_000,
    type: 'response.completed',
    field: 'type',
  },
  { name: 'supabase', prefix: 'webhook', retryHorizon: 3_600_000, type: 'send_email', field: 'type' },
] as const

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(kat.timestamp * 1000)
})
afterEach(() => {
  vi.useRealTimers()
})

describe.each([
  ['node:crypto', nodeCore],
  ['Web Crypto', web.core],
])('%s', (_, core) => {
  describe.each(presets)('$name', ({ name, prefix, retryHorizon, type, field }) => {
    const factory = core[name]
    const accepts = libraries[name]!
    // Supabase's dashboard writes the secret with its version first.
    const configured = name === 'supabase' ? `v1,${kat.secret}` : kat.secret
    const provider = factory({ secret: configured, now: clockAt(kat.timestamp) })
    const body = JSON.stringify({ [field]: type, data: { id: 'obj_1' } })

    it('has its name and retry horizon', () => {
      expect(provider.name).toBe(name)
      expect(provider.retryHorizon).toBe(retryHorizon)
    })

    it('verifies the specification example, which its library accepts too', async () => {
      expect(await accepts(headersOf(prefix), kat.body, kat.secret)).toBe(true)
      const event = await core.verifyWebhook(provider, { headers: headersOf(prefix), body: kat.body })
      expect(event).toMatchObject({ id: kat.id, providerName: name, payload: { test: 2432232314 } })
    })

    it(`signs with ${prefix}-* headers what its library accepts, typed by ${field}`, async () => {
      const signed = await provider.sign({ body, id: 'msg_1' })
      expect(signed.headers[`${prefix}-signature`]).toMatch(/^v1,/)
      expect(await accepts(signed.headers, body, kat.secret)).toBe(true)
      expect(await core.verifyWebhook(provider, received(signed))).toMatchObject({ id: 'msg_1', type })
    })

    it('rejects a tampered byte, another secret and a stale timestamp (401), as its library does', async () => {
      const signed = await provider.sign({ body, id: 'msg_1' })
      const tampered = body.replace('obj_1', 'obj_2')
      expect(await accepts(signed.headers, tampered, kat.secret)).toBe(false)
      expect((await rejectionOf(provider.verify(received(signed, { body: tampered })))).status).toBe(401)
      const other = factory({
        secret: 'whsec_b3RoZXItc2VjcmV0LW9mLTMyLWJ5dGVzLi4uLi4=',
        now: clockAt(kat.timestamp),
      })
      expect((await rejectionOf(other.verify(received(signed)))).code).toBe('invalid_signature')
      const stale = await provider.sign({ body, id: 'msg_1', timestamp: kat.timestamp - 600 })
      expect((await rejectionOf(provider.verify(received(stale)))).code).toBe('timestamp_too_old')
    })
  })

  it('supabase: takes the secret with or without v1, and refuses an empty one', async () => {
    const bare = core.supabase({ secret: kat.secret, now: clockAt(kat.timestamp) })
    await expect(bare.verify({ headers: headersOf('webhook'), body: kat.body })).resolves.toBeDefined()
    expect(() => core.supabase({ secret: '' })).toThrow(/supabase: secret is required/)
  })
})
