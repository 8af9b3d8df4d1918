// rateLimit and failureLimit on the memory limiter, through receive(): past the limit, 429 rate_limited
// with Retry-After and no `verify`; other addresses unaffected; a failing limiter store lets requests through.
import { createReceiver, type Logger, type ReceiverOptions } from '@hookgate/core'
import { failureLimit, GuardOptionError, rateLimit } from '@hookgate/guard'
import { Redis } from 'ioredis'
import { RateLimiterRedis } from 'rate-limiter-flexible'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { delivery, spyProvider } from './spy-provider.js'

const receivers: { close(): Promise<void> }[] = []
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()))
})

function receiverWith(options: Omit<ReceiverOptions, 'provider'>) {
  const provider = spyProvider()
  const receiver = createReceiver({ provider, ...options })
  receiver.on('push', async () => {})
  receivers.push(receiver)
  return { receiver, provider }
}

const forger = '203.0.113.66'
const honest = '192.30.252.9'

describe('failureLimit', () => {
  it('refuses an address with 429 after N refused signatures, without hashing', async () => {
    const { receiver, provider } = receiverWith({ guards: [failureLimit({ points: 3, duration: '1m' })] })
    for (let i = 0; i < 3; i++) {
      expect((await receiver.receive(await delivery(forger, 'wrong-secret'))).code).toBe('invalid_signature')
    }
    expect(provider.verify).toHaveBeenCalledTimes(3)
    // observe() is not awaited by receive(): the third point lands a moment after its answer.
    await vi.waitFor(async () => {
      expect((await receiver.receive(await delivery(forger))).status).toBe(429)
    })
    const refused = await receiver.receive(await delivery(forger))
    expect(refused.code).toBe('rate_limited')
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(55)
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60)
    expect(provider.verify).toHaveBeenCalledTimes(3)
    // Another address is not affected, and a valid delivery costs no point.
    for (let i = 0; i < 5; i++) expect((await receiver.receive(await delivery(honest))).status).toBe(202)
  })

  it('counts IPv4 and its IPv4-mapped IPv6 form as one address', async () => {
    const { receiver } = receiverWith({ guards: [failureLimit({ points: 2, duration: '1m' })] })
    await receiver.receive(await delivery(forger, 'wrong-secret'))
    await receiver.receive(await delivery(`::ffff:${forger}`, 'wrong-secret'))
    await vi.waitFor(async () => {
      expect((await receiver.receive(await delivery(forger))).status).toBe(429)
    })
  })
})

describe('rateLimit', () => {
  it('answers 429 with Retry-After past the points of an address, valid requests included', async () => {
    const { receiver, provider } = receiverWith({ guards: [rateLimit({ points: 5, duration: '30s' })] })
    for (let i = 0; i < 5; i++) expect((await receiver.receive(await delivery(honest))).status).toBe(202)
    const refused = await receiver.receive(await delivery(honest))
    expect(refused).toMatchObject({ status: 429, code: 'rate_limited' })
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(30)
    expect(provider.verify).toHaveBeenCalledTimes(5)
    expect((await receiver.receive(await delivery(forger))).status).toBe(202)
  })

  it('checks its options when it is created, naming them', () => {
    expect(() => rateLimit({ points: 0, duration: '1m' })).toThrow('rateLimit: points must be a whole number')
    expect(() => failureLimit({ points: 3, duration: 'soon' as never })).toThrow(/failureLimit: duration/)
    expect(() => rateLimit({ limiter: {} as never })).toThrow(GuardOptionError)
  })
})

describe('a limiter whose store fails (Redis down)', () => {
  it('lets requests through, and the receiver logs a warning', async () => {
    // A real client of a port nothing listens on, failing at once rather than queueing commands.
    const storeClient = new Redis({
      port: 1,
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
    })
    storeClient.on('error', () => {})
    const limiter = new RateLimiterRedis({ storeClient, points: 1, duration: 60, keyPrefix: 'guard-down' })
    const logger: Logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() }
    const { receiver, provider } = receiverWith({
      guards: [rateLimit({ limiter }), failureLimit({ limiter })],
      logger,
    })
    try {
      for (let i = 0; i < 3; i++) expect((await receiver.receive(await delivery(honest))).status).toBe(202)
      expect((await receiver.receive(await delivery(forger, 'wrong-secret'))).status).toBe(401)
      expect(provider.verify).toHaveBeenCalledTimes(4)
      expect(logger.warn).toHaveBeenCalledWith(
        expect.objectContaining({ err: expect.any(Error) }),
        'a guard failed: the request goes on unguarded (its signature still decides)',
      )
      await vi.waitFor(() =>
        expect(logger.warn).toHaveBeenCalledWith(
          expect.objectContaining({ err: expect.any(Error) }),
          'a guard failed to observe an answer',
        ),
      )
    } finally {
      storeClient.disconnect()
    }
  })
})
