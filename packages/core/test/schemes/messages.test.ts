import {
  createReceiver,
  github,
  gitlab,
  hmac,
  slack,
  standardWebhooks,
  stripe,
  twilio,
  verifyWebhook,
  type WebhookVerificationError,
} from '@hookgate/core'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { clockAt, received, rejectionOf } from './helpers.js'

const now = 1_760_000_000
const body = '{"id":"evt_1","type":"invoice.paid"}'
const quiet = { info() {}, warn() {}, error() {} }

describe('freshness messages point the right way', () => {
  const provider = stripe({ secret: 'whsec_x', now: clockAt(now) })
  const signedAt = async (seconds: number) =>
    rejectionOf(provider.verify(received(await provider.sign({ body, timestamp: seconds }))))

  it("too old: a replay, a delay, or this server's clock ahead of the sender's", async () => {
    const error = await signedAt(now - 3600)
    expect(error.code).toBe('timestamp_too_old')
    // The first sentence is what the demo's table shows (README.md).
    expect(error.message).toMatch(
      /^The signed timestamp is 60 min old, beyond the tolerance of 5 min: a replayed or long-delayed delivery\. /,
    )
    expect(error.message).toMatch(/this server's clock is ahead of the sender's/)
    expect(error.message).not.toMatch(/behind/)
  })

  it("in the future: this server's clock behind the sender's", async () => {
    const error = await signedAt(now + 3600)
    expect(error.code).toBe('timestamp_in_future')
    expect(error.message).toMatch(/this server's clock is behind the sender's/)
    expect(error.message).not.toMatch(/ahead/)
  })
})

describe('a signature that does not match', () => {
  const provider = github({ secret: 'gh' })
  const forged = async (change: { body: string | Uint8Array }) => {
    const signed = await github({ secret: 'not-gh' }).sign({ body, type: 'push' })
    return rejectionOf(provider.verify(received(signed, change)))
  }
  /** Where the message names the secret and where it names a changed body: the secret comes first. */
  const causes = (error: WebhookVerificationError) => ({
    secret: error.message.search(/check the configured secret/i),
    body: error.message.search(/raw bytes exactly as received/),
  })

  it('on an indented body, names the secret first: indented JSON is what many senders send', async () => {
    // The CLI's own samples (`hookgate samples github push`) are indented: indentation is no evidence.
    const indented = JSON.stringify(JSON.parse(body), null, 2)
    for (const raw of [new TextEncoder().encode(indented), indented]) {
      const error = await forged({ body: raw })
      expect(error.code).toBe('invalid_signature')
      expect(error.message).not.toMatch(/looks re-serialized/)
      const { secret, body: changed } = causes(error)
      expect(secret).toBeGreaterThan(0)
      expect(changed).toBeGreaterThan(secret)
    }
  })

  it('names the option the secret is in: secret, whatever the provider calls it', async () => {
    const tw = twilio({ secret: 'tw' })
    const signed = await twilio({ secret: 'other' }).sign({ body: 'a=1', url: 'https://example.com/h' })
    const error = await rejectionOf(tw.verify(received(signed)))
    expect(error.message).toMatch(/check the configured secret/i)
    expect(() => slack({ secret: '' })).toThrow(/^slack: secret is required/)
    expect(() => twilio({ secret: [] })).toThrow(/^twilio: secret is required/)
  })

  it('names publicKey, where Standard Webhooks verifies with public keys', async () => {
    const whpk = `whpk_${Buffer.alloc(32, 7).toString('base64')}`
    const signer = standardWebhooks({ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' })
    const signed = await signer.sign({ body })
    const both = standardWebhooks({ secret: 'whsec_b3RoZXI=', publicKey: whpk })
    expect((await rejectionOf(both.verify(received(signed)))).message).toMatch(
      /configured secret or publicKey/,
    )
    const onlyPublic = standardWebhooks({ publicKey: whpk })
    expect((await rejectionOf(onlyPublic.verify(received(signed)))).message).toMatch(
      /holds no v1a signature, the only kind the configured publicKey can check/,
    )
    await expect(onlyPublic.sign({ body })).rejects.toThrow(/sign\(\) needs a signing key in secret/)
  })

  it('refuses a key in the wrong option, and no key at all, when the provider is built', () => {
    const whpk = `whpk_${Buffer.alloc(32, 7).toString('base64')}`
    expect(() => standardWebhooks({ secret: whpk })).toThrow(/whpk_ key is public: it goes in publicKey/)
    expect(() => standardWebhooks({ publicKey: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' })).toThrow(
      /publicKey takes whpk_ public keys/,
    )
    expect(() => standardWebhooks({})).toThrow(/secret or publicKey is required/)
  })

  it('says "[object Object]" is a parsed object turned into text: real evidence, so no guess', async () => {
    const signed = await provider.sign({ body, type: 'push' })
    const error = await rejectionOf(provider.verify(received(signed, { body: '[object Object]' })))
    expect(error.message).toMatch(/\[object Object\].*raw bytes/)
  })

  it('says a token sender sends a credential, and never blames the body', async () => {
    const signed = await gitlab({ secret: 'right-token' }).sign({ body, type: 'Push Hook' })
    const error = await rejectionOf(gitlab({ secret: 'other-token' }).verify(received(signed)))
    expect(error.code).toBe('invalid_signature')
    expect(error.message).toMatch(/does not carry the configured secret.*the body plays no part/)
    expect(error.message).not.toMatch(/body changed|raw bytes/)
  })

  it('says Twilio needs the absolute URL', async () => {
    const tw = twilio({ secret: 'tw' })
    const signed = await tw.sign({ body: 'a=1', url: 'https://example.com/hook' })
    const error = await rejectionOf(tw.verify(received(signed, { url: '/hook' })))
    expect(error.message).toMatch(/absolute URL/)
    await expect(tw.sign({ body: 'a=1' })).rejects.toThrow(TypeError)
  })
})

describe('a JSON body sent as a form', () => {
  /** `sign()` wrote `Content-Type: application/json`; the sender says form instead. */
  const asForm = (headers: Record<string, string>) => ({
    ...headers,
    'Content-Type': 'application/x-www-form-urlencoded',
  })
  const providers = [
    ['github', github({ secret: 'gh' }), { type: 'push' }],
    ['slack', slack({ secret: 'sl', now: clockAt(now) }), {}],
    ['hmac', hmac({ secret: 'h', header: 'x-signature' }), {}],
  ] as const

  it.each(providers)('%s: malformed_payload that says so', async (_, provider, extra) => {
    const signed = await provider.sign({ body, ...extra })
    const error = await rejectionOf(
      verifyWebhook(provider, received(signed, { headers: asForm(signed.headers) })),
    )
    expect(error).toMatchObject({ code: 'malformed_payload', status: 400 })
    expect(error.message).toMatch(/is JSON.*application\/x-www-form-urlencoded.*application\/json/)
  })

  it('a real form still parses, and a form field that holds JSON too', async () => {
    const provider = hmac({ secret: 'h', header: 'x-signature' })
    const form = await verifyWebhook(provider, received(await provider.sign({ body: 'type=a&x=%7B1%7D' })))
    expect(form).toMatchObject({ type: 'a', payload: { type: 'a', x: '{1}' } })
    const gh = github({ secret: 'gh' })
    const wrapped = `payload=${encodeURIComponent(body)}`
    const event = await verifyWebhook(gh, received(await gh.sign({ body: wrapped, type: 'push' })))
    expect(event.payload).toEqual(JSON.parse(body))
  })

  it('is answered 400 malformed_payload by a receiver with a schema, not invalid_payload', async () => {
    const provider = github({ secret: 'gh' })
    const receiver = createReceiver({ provider, logger: quiet })
    receiver.on('push', z.object({ ref: z.string() }), () => {})
    const signed = await provider.sign({ body: '{"ref":"main"}', type: 'push' })
    const outcome = await receiver.receive({
      method: 'POST',
      url: '/hooks',
      headers: asForm(signed.headers),
      body: signed.body,
    })
    await receiver.close()
    expect(outcome.status).toBe(400)
    expect(JSON.parse(outcome.body)).toMatchObject({ code: 'malformed_payload' })
  })
})
