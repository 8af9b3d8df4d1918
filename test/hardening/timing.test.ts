// Signature comparisons are constant-time. Code review made executable: every provider compares through the
// crypto backend's timingSafeEqual (spied on node:crypto). Then a statistical check that the backends'
// timingSafeEqual takes as long whatever byte differs, shown to catch an early-exit loop and `===`.
import * as nodeBuffer from 'node:buffer'
import nodeCrypto from 'node:crypto'
import {
  github,
  type Provider,
  type SignInput,
  shopify,
  slack,
  standardWebhooks,
  stripe,
  twilio,
  WebhookVerificationError,
} from '@hookgate/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createCryptoBackend } from '../../packages/core/src/crypto/backend.js'
import { checkGap, comparisonGap, guessesFor } from './support/timing.js'

const providers: [string, Provider, Partial<SignInput>][] = [
  ['stripe', stripe({ secret: 'whsec_timing' }), {}],
  [
    'standardWebhooks',
    standardWebhooks({ secret: `whsec_${Buffer.from('timing-key-0123456789').toString('base64')}` }),
    {},
  ],
  ['github', github({ secret: 'timing' }), { type: 'push' }],
  ['shopify', shopify({ secret: 'timing' }), { type: 'orders/create' }],
  ['slack', slack({ secret: 'timing' }), {}],
  ['twilio', twilio({ secret: 'timing' }), { url: 'https://example.com/twilio' }],
]

describe('every provider compares signatures through timingSafeEqual', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it.each(providers)('%s', async (_name, provider, input) => {
    const body = input.url ? 'CallSid=CA1&CallStatus=ringing' : '{"id":"evt_1","type":"push"}'
    const signed = await provider.sign({ ...input, body, id: 'id_1', type: input.type ?? 'push' })
    const spy = vi.spyOn(nodeCrypto, 'timingSafeEqual')
    await provider.verify({ url: signed.url, headers: signed.headers, body })
    expect(spy).toHaveReturnedWith(true)
    spy.mockClear()
    // The body changed, the signature did not: the comparison runs and says no.
    const forged = provider.verify({ url: signed.url, headers: signed.headers, body: `${body} ` })
    await expect(forged).rejects.toBeInstanceOf(WebhookVerificationError)
    expect(spy).toHaveBeenCalled()
    expect(spy).not.toHaveReturnedWith(true)
    for (const [a, b] of spy.mock.calls) expect((a as Uint8Array).length).toBe((b as Uint8Array).length)
  })
})

describe('timingSafeEqual takes as long whatever byte differs', () => {
  // Long inputs magnify any per-byte early exit far above the machine's noise; a 32-byte HMAC compared
  // the same way leaks the same, only less measurably.
  const bytes = guessesFor(4096)
  const node = createCryptoBackend({ crypto: nodeCrypto, buffer: nodeBuffer })
  const web = createCryptoBackend(undefined)

  it('the check catches an early-exit loop', async () => {
    const earlyExit = (a: Uint8Array, b: Uint8Array) => {
      if (a.length !== b.length) return false
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
      return true
    }
    const gap = await comparisonGap(earlyExit, bytes)
    expect(gap.leaks, `ratio ${gap.ratio.toFixed(2)}`).toBe(true)
  })

  it('the check catches === on the encoded signatures', async () => {
    const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')
    const strings = { secret: hex(bytes.secret), early: hex(bytes.early), late: hex(bytes.late) }
    const gap = await comparisonGap((a: string, b: string) => a === b, strings)
    expect(gap.leaks, `ratio ${gap.ratio.toFixed(2)}`).toBe(true)
  })

  it.each([
    ['node:crypto', node],
    ['Web Crypto', web],
  ])('%s backend: no gap', async (_name, backend) => {
    const gap = await comparisonGap(backend.timingSafeEqual, bytes)
    expect(gap.leaks, `ratio ${gap.ratio.toFixed(2)}`).toBe(false)
  })

  it('a whole Stripe verification takes as long whatever byte of the forged signature differs', async () => {
    const provider = stripe({ secret: 'whsec_timing' })
    const body = '{"id":"evt_1","type":"invoice.paid"}'
    const signed = await provider.sign({ body })
    const header = signed.headers['Stripe-Signature']!
    const real = header.slice(header.indexOf('v1=') + 3)
    const flip = (at: number) => {
      const digits = [...real]
      digits[at] = digits[at] === '0' ? '1' : '0'
      return { ...signed.headers, 'Stripe-Signature': header.replace(real, digits.join('')) }
    }
    const gap = await checkGap((headers: Record<string, string>) => provider.verify({ headers, body }), {
      early: flip(0),
      late: flip(real.length - 1),
    })
    expect(gap.leaks, `ratio ${gap.ratio.toFixed(2)}`).toBe(false)
  })
})
