import {
  github,
  maxSignatureEntries,
  type Provider,
  type RawRequest,
  shopify,
  slack,
  standardWebhooks,
  stripe,
  twilio,
  WebhookVerificationError,
} from '@hookgate/core'
import { describe, expect, it } from 'vitest'
import { clockAt, received, rejectionOf } from './helpers.js'

const now = 1_760_000_000
const body = '{"id":"evt_1","type":"invoice.paid"}'
const whsec = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'

/** Every provider, built the same way, with what a valid request needs besides the body. */
const providers: [
  name: string,
  make: (options: { tolerance?: '10m'; maxBodyBytes?: number }) => Provider,
  extra: object,
][] = [
  ['standard-webhooks', (o) => standardWebhooks({ secret: whsec, now: clockAt(now), ...o }), {}],
  ['stripe', (o) => stripe({ secret: 'whsec_stripe', now: clockAt(now), ...o }), {}],
  ['github', (o) => github({ secret: 'gh', now: clockAt(now), ...o }), { type: 'push' }],
  ['shopify', (o) => shopify({ secret: 'shop', now: clockAt(now), ...o }), { type: 'orders/create' }],
  ['slack', (o) => slack({ secret: 'sl', now: clockAt(now), ...o }), {}],
  ['twilio', (o) => twilio({ secret: 'tw', now: clockAt(now), ...o }), { url: 'https://example.com/hook' }],
]

async function codeOf(promise: Promise<unknown>) {
  const error = await rejectionOf(promise)
  expect(error).toBeInstanceOf(WebhookVerificationError)
  return error.code
}

describe.each(providers)('%s', (_, make, extra) => {
  const provider = make({})
  const sign = (input: object = {}) => provider.sign({ body, ...extra, ...input })

  it('accepts its own signature and rejects a changed body', async () => {
    await expect(provider.verify(received(await sign()))).resolves.toMatchObject({
      raw: new TextEncoder().encode(body),
    })
    const tampered = await sign()
    expect(await codeOf(provider.verify(received(tampered, { body: `${body} ` })))).toBe('invalid_signature')
  })

  it('accepts headers as Headers, IncomingHttpHeaders with arrays, any case, and [name, value] pairs', async () => {
    const { headers, url } = await sign()
    const shapes: RawRequest['headers'][] = [
      new Headers(headers),
      Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), [value]])),
      Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toUpperCase(), value])),
      Object.entries(headers),
    ]
    for (const shape of shapes)
      await expect(provider.verify({ url, headers: shape, body })).resolves.toBeDefined()
  })

  it('accepts bytes, an ArrayBuffer and text alike', async () => {
    const signed = await sign()
    const bytes = new TextEncoder().encode(body)
    for (const raw of [bytes, Buffer.from(body), bytes.buffer, body])
      await expect(provider.verify(received(signed, { body: raw }))).resolves.toBeDefined()
  })

  it('refuses a body over maxBodyBytes before anything else, even with no headers at all', async () => {
    const small = make({ maxBodyBytes: body.length - 1 })
    expect(small.maxBodyBytes).toBe(body.length - 1)
    expect(await codeOf(small.verify({ headers: {}, body }))).toBe('payload_too_large')
    expect(await codeOf(small.verify({ headers: {}, body: new TextEncoder().encode(body) }))).toBe(
      'payload_too_large',
    )
    expect(make({}).maxBodyBytes).toBe(1_048_576)
    // Multi-byte text: counted in bytes, not characters.
    const exact = make({ maxBodyBytes: 4 })
    expect(await codeOf(exact.verify({ headers: {}, body: 'ééé' }))).toBe('payload_too_large')
  })

  it('says a parsed body is not the raw bytes', async () => {
    const signed = await sign()
    const error = await rejectionOf(provider.verify(received(signed, { body: JSON.parse(body) })))
    expect(error).toMatchObject({ code: 'raw_body_unavailable', status: 500 })
    expect(error.message).toMatch(/raw bytes/)
  })

  it('answers a missing signature header with missing_header', async () => {
    const { headers, url } = await sign()
    const signatureHeader = Object.keys(headers).find((name) => /signature|hmac/i.test(name))!
    const { [signatureHeader]: _, ...rest } = headers
    const error = await rejectionOf(provider.verify({ url, headers: rest, body }))
    expect(error).toMatchObject({ code: 'missing_header', status: 400 })
    expect(error.message).toContain(signatureHeader)
  })

  it('never puts the secret or the expected signature in a message', async () => {
    const signed = await sign()
    const secretValues = ['whsec_stripe', 'gh', 'shop', 'sl', 'tw', whsec]
    for (const [name, value] of Object.entries(signed.headers)) {
      if (!/signature|hmac/i.test(name)) continue
      const error = await rejectionOf(provider.verify(received(signed, { body: `${body}x` })))
      expect(error.message).not.toContain(value.slice(-20, -8))
      for (const secret of secretValues.filter((s) => s.length > 4))
        expect(error.message).not.toContain(secret)
    }
  })
})

describe('freshness, where a timestamp is signed', () => {
  const timed = providers.filter(([name]) => ['standard-webhooks', 'stripe', 'slack'].includes(name))

  it.each(timed)(
    '%s: refuses old and future timestamps beyond the tolerance, accepts the edges',
    async (_, make) => {
      const provider = make({})
      const at = (seconds: number) => provider.sign({ body, timestamp: seconds })
      await expect(provider.verify(received(await at(now - 300)))).resolves.toBeDefined()
      await expect(provider.verify(received(await at(now + 300)))).resolves.toBeDefined()
      expect(await codeOf(provider.verify(received(await at(now - 301))))).toBe('timestamp_too_old')
      expect(await codeOf(provider.verify(received(await at(now + 301))))).toBe('timestamp_in_future')
      const lenient = make({ tolerance: '10m' })
      await expect(lenient.verify(received(await at(now - 599)))).resolves.toMatchObject({
        timestamp: new Date((now - 599) * 1000),
      })
    },
  )

  it.each(timed)('%s: refuses timestamps that are not whole unix seconds', async (_, make) => {
    const provider = make({})
    for (const bad of ['-1', '1.5', '1e9', ' 1760000000', 'abc', `${now}, ${now}`]) {
      const signed = await provider.sign({ body, timestamp: now })
      const headers = Object.fromEntries(
        Object.entries(signed.headers).map(([name, value]) =>
          /timestamp/i.test(name) ? [name, bad] : [name, value.replace(`t=${now}`, `t=${bad}`)],
        ),
      )
      expect(await codeOf(provider.verify({ headers, body })), bad).toBe('malformed_header')
    }
  })
})

describe('secret rotation', () => {
  it.each([
    [
      'standard-webhooks',
      (secret: string[]) => standardWebhooks({ secret, now: clockAt(now) }),
      ['whsec_bmV3', whsec],
    ],
    ['stripe', (secret: string[]) => stripe({ secret, now: clockAt(now) }), ['new', 'old']],
    ['github', (secret: string[]) => github({ secret }), ['new', 'old']],
    ['shopify', (secret: string[]) => shopify({ secret }), ['new', 'old']],
    ['slack', (secret: string[]) => slack({ secret, now: clockAt(now) }), ['new', 'old']],
    ['twilio', (secret: string[]) => twilio({ secret }), ['new', 'old']],
  ] as const)('%s: any configured secret verifies, the first signs', async (_, make, [current, previous]) => {
    const input = { body, type: 'x', url: 'https://example.com/' }
    const byOld = await make([previous]).sign(input)
    const byNew = await make([current]).sign(input)
    const both = make([current, previous])
    await expect(both.verify(received(byOld))).resolves.toBeDefined()
    await expect(both.verify(received(byNew))).resolves.toBeDefined()
    await expect(
      make([current]).verify(received(await both.sign({ ...input, id: byNew.headers.id }))),
    ).resolves.toBeDefined()
    expect(await codeOf(make([current]).verify(received(byOld)))).toBe('invalid_signature')
  })

  it('refuses an empty secret or an empty list when the provider is built', () => {
    expect(() => github({ secret: '' })).toThrow(TypeError)
    expect(() => stripe({ secret: [] })).toThrow(/secret is required/)
    expect(() => standardWebhooks({ secret: 'whsk_AAAA' })).toThrow(/whsk_/)
  })
})

describe('signature lists', () => {
  const provider = standardWebhooks({ secret: whsec, now: clockAt(now) })

  it(`tries every entry up to ${maxSignatureEntries}, and refuses longer lists unread`, async () => {
    const signed = await provider.sign({ body, timestamp: now })
    const valid = signed.headers['webhook-signature']!
    const junk = 'v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='
    const list = (count: number) => [...Array(count - 1).fill(junk), valid].join(' ')
    const withList = (value: string) =>
      received(signed, { headers: { ...signed.headers, 'webhook-signature': value } })
    await expect(provider.verify(withList(list(maxSignatureEntries)))).resolves.toBeDefined()
    expect(await codeOf(provider.verify(withList(list(maxSignatureEntries + 1))))).toBe('malformed_header')
    expect(await codeOf(provider.verify(withList(list(5000))))).toBe('malformed_header')
  })

  it('tries every v1= of a Stripe header, ignoring v0 and unknown providers', async () => {
    const stripeScheme = stripe({ secret: 'whsec_x', now: clockAt(now) })
    const signed = await stripeScheme.sign({ body })
    const [t, v1] = signed.headers['Stripe-Signature']!.split(',')
    const header = `${t},v0=${'0'.repeat(64)},v1=${'1'.repeat(64)},${v1},v9=zz`
    await expect(
      stripeScheme.verify({ headers: { 'stripe-signature': header }, body }),
    ).resolves.toBeDefined()
    for (const bad of [`${v1}`, `${t},${t},${v1}`, `${t},v1`]) {
      expect(await codeOf(stripeScheme.verify({ headers: { 'stripe-signature': bad }, body })), bad).toBe(
        'malformed_header',
      )
    }
  })

  it('says when no entry is of a version the configured keys can check', async () => {
    const signed = await provider.sign({ body, timestamp: now })
    const v1a = `v1a,${'A'.repeat(86)}==`
    const error = await rejectionOf(
      provider.verify(received(signed, { headers: { ...signed.headers, 'webhook-signature': v1a } })),
    )
    expect(error).toMatchObject({ code: 'invalid_signature' })
    expect(error.message).toMatch(/no v1 signature/)
  })

  it('accepts only the canonical encoding of a signature', async () => {
    const gh = github({ secret: 'gh' })
    const signed = await gh.sign({ body, type: 'push' })
    const upper = `sha256=${signed.headers['X-Hub-Signature-256']!.slice(7).toUpperCase()}`
    const withHeader = (value: string) =>
      gh.verify(received(signed, { headers: { ...signed.headers, 'X-Hub-Signature-256': value } }))
    expect(await codeOf(withHeader(upper))).toBe('invalid_signature')
    expect(await codeOf(withHeader('sha1=abcd'))).toBe('malformed_header')
    expect(await codeOf(withHeader('   '))).toBe('malformed_header')
    expect(await codeOf(withHeader(''))).toBe('missing_header')
  })
})
