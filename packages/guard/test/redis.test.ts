// failureLimit on RateLimiterRedis, the real Redis: two receivers (two instances of one app) share the
// count, so an address stopped by one is stopped by the other. The key prefix is this file's own.
import { createReceiver } from '@hookgate/core'
import { failureLimit } from '@hookgate/guard'
import { Redis } from 'ioredis'
import { RateLimiterRedis } from 'rate-limiter-flexible'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { delivery, spyProvider } from './spy-provider.js'

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const keyPrefix = `hookgate-guard-test:${process.pid}:${Date.now()}`
const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 })

beforeAll(async () => {
  await redis.connect().catch((error: unknown) => {
    throw new Error(`these tests need Redis at ${redisUrl} (set REDIS_URL): ${String(error)}`)
  })
})

afterAll(async () => {
  const keys = await redis.keys(`${keyPrefix}*`)
  if (keys.length > 0) await redis.del(...keys)
  redis.disconnect()
})

it('stops an address across two receivers sharing a RateLimiterRedis', async () => {
  // One limiter per instance, as two processes would have, over one Redis.
  const instance = () => {
    const limiter = new RateLimiterRedis({ storeClient: redis, points: 4, duration: 60, keyPrefix })
    const provider = spyProvider()
    const receiver = createReceiver({ provider, guards: [failureLimit({ limiter })] })
    receiver.on('push', async () => {})
    return { receiver, provider }
  }
  const a = instance()
  const b = instance()
  try {
    const forger = '198.51.100.23'
    for (const { receiver } of [a, b, a, b]) {
      expect((await receiver.receive(await delivery(forger, 'wrong-secret'))).status).toBe(401)
    }
    await vi.waitFor(async () => {
      expect((await a.receiver.receive(await delivery(forger))).status).toBe(429)
    })
    const refused = await b.receiver.receive(await delivery(forger))
    expect(refused.code).toBe('rate_limited')
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(50)
    expect(a.provider.verify.mock.calls.length + b.provider.verify.mock.calls.length).toBe(4)
    expect((await b.receiver.receive(await delivery('198.51.100.24'))).status).toBe(202)
  } finally {
    await Promise.all([a.receiver.close(), b.receiver.close()])
  }
})
