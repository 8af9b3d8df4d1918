// Safe by default: what a user gets without setting a single option. Freshness is checked both ways, bodies
// are bounded, a store that fails means 503 (never an unchecked accept), the dedup window outlasts the
// freshness tolerance, and adapters stop waiting for a body within 30 s.
import * as nodeBuffer from 'node:buffer'
import nodeCrypto from 'node:crypto'
import {
  createReceiver,
  github,
  hmac,
  type IdempotencyStore,
  memoryStore,
  type Provider,
  type SignInput,
  StoreUnavailableError,
  shopify,
  slack,
  standardWebhooks,
  stripe,
  twilio,
} from '@hookgate/core'
import { bodyTimeoutMs } from '@hookgate/core/adapter'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createCryptoBackend } from '../../packages/core/src/crypto/backend.js'
import { fakeEndpoint } from '../adapters/fake-endpoint.js'
import { rawRequest } from './support/raw-http.js'
import { drivers } from './support/targets.js'

const defaultTolerance = 5 * 60_000
const defaultMaxBodyBytes = 1_048_576
const silent = { info() {}, warn() {}, error() {} }
const t0 = Date.UTC(2026, 0, 1)
const standardSecret = `whsec_${Buffer.from('defaults-key-0123456789').toString('base64')}`

/** Every timestamped provider with only its secret set, reading the clock `now`. */
const timestamped = (now: () => number): [string, Provider, Partial<SignInput>][] => [
  ['stripe', stripe({ secret: 'whsec_defaults', now }), {}],
  ['standardWebhooks', standardWebhooks({ secret: standardSecret, now }), {}],
  ['slack', slack({ secret: 'defaults', now }), {}],
  [
    'hmac with a timestamp header',
    hmac({
      secret: 'defaults',
      header: 'x-signature',
      timestamp: 'x-timestamp',
      signedContent: '{timestamp}.{body}',
      id: 'x-id',
      now,
    }),
    {},
  ],
]

const every: [string, Provider][] = [
  ...timestamped(Date.now).map(([name, provider]): [string, Provider] => [name, provider]),
  ['github', github({ secret: 'defaults' })],
  ['shopify', shopify({ secret: 'defaults' })],
  ['twilio', twilio({ secret: 'defaults' })],
  ['hmac', hmac({ secret: 'defaults', header: 'x-signature' })],
]

const body = '{"id":"evt_defaults","type":"invoice.paid","event_id":"Ev1","event":{"type":"app_mention"}}'
const seconds = (ms: number) => Math.floor(ms / 1000)

afterEach(() => {
  vi.useRealTimers()
})

describe('freshness is checked by default, in both directions', () => {
  it.each(timestamped(() => t0))('%s', async (_name, provider, input) => {
    const at = async (offsetMs: number) => {
      const signed = await provider.sign({ ...input, body, id: 'id_1', timestamp: seconds(t0 + offsetMs) })
      return provider.verify({ headers: signed.headers, body }).then(
        () => 'ok',
        (error: { code: string }) => error.code,
      )
    }
    expect(await at(-defaultTolerance + 1000)).toBe('ok')
    expect(await at(defaultTolerance - 1000)).toBe('ok')
    expect(await at(-defaultTolerance - 1000)).toBe('timestamp_too_old')
    expect(await at(defaultTolerance + 1000)).toBe('timestamp_in_future')
  })
})

describe('bodies are bounded by default', () => {
  it.each(every)('%s: maxBodyBytes is 1 MiB and one byte more is refused', async (_name, provider) => {
    expect(provider.maxBodyBytes).toBe(defaultMaxBodyBytes)
    expect(createReceiver({ provider, logger: silent }).maxBodyBytes).toBe(defaultMaxBodyBytes)
    const tooLarge = provider.verify({ headers: {}, body: new Uint8Array(defaultMaxBodyBytes + 1) })
    await expect(tooLarge).rejects.toMatchObject({ code: 'payload_too_large' })
  })
})

describe('the default dedup window outlasts the default tolerance', () => {
  it.each(every)('%s: retry horizon (the default window) >= 5 min', (_name, provider) => {
    expect(provider.retryHorizon).toBeGreaterThanOrEqual(defaultTolerance)
  })

  it.each(timestamped(() => clock))(
    '%s: a replay within the tolerance is a duplicate',
    async (_name, provider, input) => {
      clock = t0
      const receiver = createReceiver({
        provider,
        logger: silent,
        store: memoryStore({ now: () => clock }),
      })
      receiver.on('*', async () => {})
      const signed = await provider.sign({ ...input, body, id: 'id_replayed', timestamp: seconds(t0) })
      expect((await receiver.receive({ headers: signed.headers, body })).code).toBe('accepted')
      clock = t0 + defaultTolerance - 1000
      expect((await receiver.receive({ headers: signed.headers, body })).code).toBe('duplicate')
      await receiver.close()
    },
  )
})
let clock = t0

describe('a failing store fails closed by default', () => {
  const down: IdempotencyStore = {
    claim: () => Promise.reject(new StoreUnavailableError('connection refused')),
    acquire: () => Promise.reject(new StoreUnavailableError('connection refused')),
    complete: () => Promise.reject(new StoreUnavailableError('connection refused')),
    release: () => Promise.reject(new StoreUnavailableError('connection refused')),
  }
  const hung: IdempotencyStore = {
    claim: () => new Promise(() => {}),
    acquire: () => new Promise(() => {}),
    complete: () => new Promise(() => {}),
    release: () => new Promise(() => {}),
  }

  it.each([
    ['refuses', down],
    ['never answers', hung],
  ])('the store %s: 503 store_unavailable with Retry-After, and no handler runs', async (_name, store) => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const provider = stripe({ secret: 'whsec_defaults' })
    const receiver = createReceiver({ provider, store, logger: silent })
    const handler = vi.fn(async () => {})
    receiver.on('*', handler)
    const signed = await provider.sign({ body })
    const outcome = receiver.receive({ headers: signed.headers, body })
    // The default storeTimeout is 2 s: a store that never answers counts as failed then.
    await vi.advanceTimersByTimeAsync(2000)
    await expect(outcome).resolves.toMatchObject({ status: 503, code: 'store_unavailable' })
    expect((await outcome).headers['retry-after']).toBeDefined()
    expect(handler).not.toHaveBeenCalled()
    vi.useRealTimers()
    await receiver.close({ timeout: '100ms' })
  })
})

describe('adapters stop waiting for a body within 30 s by default', () => {
  it('the default bodyTimeout is 10 s', () => {
    expect(bodyTimeoutMs({})).toBe(10_000)
    expect(bodyTimeoutMs({})).toBeLessThanOrEqual(30_000)
  })

  it.each(drivers)(
    '$name: a stalled body gets 408 once 30 s have passed, with no option set',
    async (driver) => {
      const server = await driver.listen(fakeEndpoint())
      // The server itself would wait forever.
      server.server.requestTimeout = 0
      server.server.headersTimeout = 0
      try {
        const { port } = server.server.address() as import('node:net').AddressInfo
        vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
        const baseline = vi.getTimerCount()
        const answer = rawRequest({ port, headers: [['content-length', '100']], timeoutMs: 3_600_000 })
        // Once the adapter is waiting for the body (its deadline timer is set), 30 s later it must have answered.
        await vi.waitFor(() => expect(vi.getTimerCount()).toBeGreaterThan(baseline + 1), { interval: 5 })
        await vi.advanceTimersByTimeAsync(30_000)
        vi.useRealTimers()
        const late = new Promise((resolve) => setTimeout(resolve, 2000, 'no answer within 30 s'))
        expect(await Promise.race([answer, late])).toMatchObject({ kind: 'response', status: 408 })
      } finally {
        vi.useRealTimers()
        server.server.closeAllConnections()
        await server.close()
      }
    },
  )
})

describe('bodies decode the same on both crypto backends', () => {
  const node = createCryptoBackend({ crypto: nodeCrypto, buffer: nodeBuffer })
  const web = createCryptoBackend(undefined)

  it.each([
    [
      'a byte order mark is kept (so a BOM-prefixed body is not JSON on any runtime)',
      [0xef, 0xbb, 0xbf, 0x7b, 0x7d],
    ],
    ['invalid UTF-8 becomes U+FFFD', [0x7b, 0xc3, 0x28, 0xff, 0x7d]],
  ])('%s', (_name, bytes) => {
    const raw = Uint8Array.from(bytes)
    expect(web.utf8(raw)).toBe(node.utf8(raw))
  })
})
