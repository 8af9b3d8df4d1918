import * as core from '@hookgate/core'
import { describe, expect, it } from 'vitest'

// Every provider whose key is a shared `secret` takes a resolver of the request in its place: these
// factories all go through `resolvingKeys`. A resolver that throws answers `key_unavailable`, one that knows
// no key `unknown_tenant`: the provider asked it, whatever its scheme.
const extra: Record<string, Record<string, unknown>> = {
  braintree: { publicKey: 'public_key_id' },
  meta: { verifyToken: 'verify-token' },
}
const names = [
  'stripe',
  'github',
  'shopify',
  'slack',
  'twilio',
  'paddle',
  'linear',
  'hubspot',
  'square',
  'mux',
  'sanity',
  'contentful',
  'box',
  'webflow',
  'calendly',
  'razorpay',
  'lemonSqueezy',
  'bitbucket',
  'intercom',
  'woocommerce',
  'segment',
  'vercel',
  'calCom',
  'typeform',
  'sentry',
  'checkout',
  'coinbaseCommerce',
  'mollie',
  'gitlab',
  'meta',
  'okta',
  'twitch',
  'mailgun',
  'zoom',
  'x',
  'dropbox',
  'braintree',
  'adyen',
] as const

type Factory = (options: Record<string, unknown>) => core.Provider
const request = { method: 'POST', url: '/hook', headers: {}, body: '{}' }

describe.each(names)('%s', (name) => {
  const factory = (core as unknown as Record<string, Factory>)[name]!

  it('asks a secret resolver on each request', async () => {
    const failing = factory({ ...extra[name], secret: () => Promise.reject(new Error('vault down')) })
    await expect(failing.verify(request)).rejects.toMatchObject({ code: 'key_unavailable' })
    const unknown = factory({ ...extra[name], secret: () => undefined })
    await expect(unknown.verify(request)).rejects.toMatchObject({ code: 'unknown_tenant' })
    const secret = name === 'adyen' ? 'ab'.repeat(32) : 'static-secret'
    expect(unknown.name).toBe(factory({ ...extra[name], secret }).name)
  })
})
