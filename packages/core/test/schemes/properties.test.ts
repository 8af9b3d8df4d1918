import {
  github,
  hmac,
  type Provider,
  type RawRequest,
  type SignInput,
  shopify,
  slack,
  standardWebhooks,
  stripe,
  twilio,
  verifyWebhook,
  WebhookVerificationError,
} from '@hookgate/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { clockAt } from './helpers.js'

const now = 1_760_000_000
const clock = clockAt(now)

/** Every provider, and which of its headers carry signed fields besides the signature. */
const providers: { name: string; provider: Provider; input: Partial<SignInput>; signedHeaders: RegExp }[] = [
  {
    name: 'standard-webhooks',
    provider: standardWebhooks({ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', now: clock }),
    input: {},
    signedHeaders: /^webhook-(signature|id|timestamp)$/,
  },
  {
    name: 'stripe',
    provider: stripe({ secret: 'whsec_p', now: clock }),
    input: {},
    signedHeaders: /^Stripe-Signature$/,
  },
  {
    name: 'github',
    provider: github({ secret: 'p' }),
    input: { type: 'push' },
    signedHeaders: /^X-Hub-Signature-256$/,
  },
  {
    name: 'shopify',
    provider: shopify({ secret: 'p' }),
    input: { type: 'orders/create' },
    signedHeaders: /^X-Shopify-Hmac-Sha256$/,
  },
  {
    name: 'slack',
    provider: slack({ secret: 'p', now: clock }),
    input: {},
    signedHeaders: /^X-Slack-(Signature|Request-Timestamp)$/,
  },
  {
    name: 'hmac',
    provider: hmac({
      header: 'x-sig',
      secret: 'p',
      timestamp: 'x-ts',
      id: 'x-id',
      signedContent: '{id}.{timestamp}.{body}',
      now: clock,
    }),
    input: {},
    signedHeaders: /^x-(sig|ts|id)$/,
  },
]

// Twilio signs the decoded form parameters, not the bytes ('+' and ' ' both decode to a space), so its
// byte-level property holds for JSON bodies, whose bytes the signed bodySHA256 covers.
const twilioJson = {
  name: 'twilio (JSON)',
  provider: twilio({ secret: 'p' }),
  input: { url: 'https://example.com/t' },
  signedHeaders: /^X-Twilio-Signature$/,
}

const flip = (bytes: Uint8Array, at: number, mask: number) => {
  const copy = bytes.slice()
  copy[at % copy.length]! ^= mask
  return copy
}
const flipText = (text: string, at: number, mask: number) => {
  const i = at % text.length
  return text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ mask) + text.slice(i + 1)
}

/** Passes when `promise` rejects with a WebhookVerificationError; anything else fails the property. */
async function rejectedProperly(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error) {
    if (error instanceof WebhookVerificationError) return true
    throw error
  }
  return false
}

const jsonBody = fc.json({ maxDepth: 2 }).map((json) => `{"type":"t","data":${json}}`)

describe.each([...providers, twilioJson])('$name', ({ provider, input, signedHeaders }) => {
  const signedRequest = async (body: string, id: string, timestamp: number): Promise<RawRequest> => {
    const signed = await provider.sign({ ...input, body, id, timestamp })
    return { url: signed.url, headers: signed.headers, body: new TextEncoder().encode(body) }
  }
  const idArb = fc.stringMatching(/^[A-Za-z0-9_-]{1,24}$/)
  const timeArb = fc.integer({ min: now - 200, max: now + 200 })

  it('rejects any flipped byte in the body', async () => {
    await fc.assert(
      fc.asyncProperty(
        jsonBody,
        idArb,
        timeArb,
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (body, id, at, i, mask) => {
          const request = await signedRequest(body, id, at)
          await expect(provider.verify(request)).resolves.toBeDefined()
          expect(
            await rejectedProperly(
              provider.verify({ ...request, body: flip(request.body as Uint8Array, i, mask) }),
            ),
          ).toBe(true)
        },
      ),
      { numRuns: 100 },
    )
  })

  it('rejects any flipped character in a signed header (signature, id, timestamp)', async () => {
    await fc.assert(
      fc.asyncProperty(
        jsonBody,
        idArb,
        timeArb,
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 1, max: 127 }),
        async (body, id, at, which, i, mask) => {
          const request = await signedRequest(body, id, at)
          const headers = request.headers as Record<string, string>
          const names = Object.keys(headers).filter((name) => signedHeaders.test(name))
          const name = names[which % names.length]!
          const value = headers[name]!
          // A list separator flipped into another (Stripe's `,` into a space: both split its list) leaves
          // the same entries, so the same signed values: not a change to reject.
          const flipped = i % value.length
          const separators = /^[, \t]$/
          fc.pre(
            !(
              separators.test(value[flipped]!) &&
              separators.test(String.fromCharCode(value.charCodeAt(flipped) ^ mask))
            ),
          )
          const changed = { ...headers, [name]: flipText(value, i, mask) }
          expect(await rejectedProperly(provider.verify({ ...request, headers: changed }))).toBe(true)
        },
      ),
      { numRuns: 100 },
    )
  })

  it('throws nothing but WebhookVerificationError for junk headers, bodies and URLs', async () => {
    const headerValue = fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 }), fc.integer())
    const body = fc.oneof(fc.string(), fc.uint8Array({ maxLength: 64 }), jsonBody)
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.string({ maxLength: 30 }), headerValue),
        body,
        fc.option(
          fc.oneof(fc.constantFrom('https://example.com/t?bodySHA256=', 'http://[::1]:80/x'), fc.string()),
          {
            nil: undefined,
          },
        ),
        async (headers, raw, url) => {
          const result = verifyWebhook(provider, { headers, body: raw, url })
          expect(await rejectedProperly(result)).toBe(true)
        },
      ),
      { numRuns: 100 },
    )
  })

  it('throws nothing but WebhookVerificationError when its own headers hold junk', async () => {
    await fc.assert(
      fc.asyncProperty(jsonBody, fc.nat(), fc.string({ maxLength: 200 }), async (body, which, junk) => {
        const request = await signedRequest(body, 'id', now)
        const headers = request.headers as Record<string, string>
        const names = Object.keys(headers)
        const changed = { ...headers, [names[which % names.length]!]: junk }
        try {
          await verifyWebhook(provider, { ...request, headers: changed })
        } catch (error) {
          expect(error).toBeInstanceOf(WebhookVerificationError)
        }
      }),
      { numRuns: 100 },
    )
  })

  it('parses any signed body or refuses it with malformed_payload', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.uint8Array({ maxLength: 64 }), jsonBody), async (body) => {
        const signed = await provider.sign({ ...input, body })
        try {
          await verifyWebhook(provider, { url: signed.url, headers: signed.headers, body })
        } catch (error) {
          expect(error).toBeInstanceOf(WebhookVerificationError)
          expect((error as WebhookVerificationError).code).toBe('malformed_payload')
        }
      }),
      { numRuns: 100 },
    )
  })
})
