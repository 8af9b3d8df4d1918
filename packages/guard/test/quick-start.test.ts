// The README's and docs' setup, as written: an allowlist, a failure limit and a rate limit in front of a
// GitHub receiver, the limits kept in Redis so they hold across instances.
import { createReceiver, github } from '@hookgate/core'
import { allowFrom, failureLimit, rateLimit } from '@hookgate/guard'
import { Redis } from 'ioredis'
import { RateLimiterRedis } from 'rate-limiter-flexible'
import { afterAll, expect, it } from 'vitest'
import { delivery, secret } from './spy-provider.js'

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 })
const prefix = `hookgate-guard-quick-start:${process.pid}:${Date.now()}`

const receiver = createReceiver({
  provider: github({ secret }),
  guards: [
    // GitHub's hooks ranges, as fetchRanges(senderRanges.github) gives them (refresh them: see below).
    allowFrom([
      '192.30.252.0/22',
      '185.199.108.0/22',
      '140.82.112.0/20',
      '143.55.64.0/20',
      '2a0a:a440::/29',
      '2606:50c0::/32',
    ]),
    // 10 refused signatures per address in 10 minutes, then 429 for the rest of the window.
    failureLimit({
      limiter: new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${prefix}:failures`,
        points: 10,
        duration: 600,
      }),
    }),
    // 300 requests per address per minute, whatever they carry.
    rateLimit({
      limiter: new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${prefix}:requests`,
        points: 300,
        duration: 60,
      }),
    }),
  ],
})

afterAll(async () => {
  await receiver.close()
  const keys = await redis.keys(`${prefix}*`)
  if (keys.length > 0) await redis.del(...keys)
  redis.disconnect()
})

it('accepts a signed delivery from GitHub, refuses other addresses and floods of forgeries', async () => {
  receiver.on('push', async () => {})
  expect((await receiver.receive(await delivery('140.82.115.3'))).status).toBe(202)
  expect((await receiver.receive(await delivery('203.0.113.1'))).status).toBe(403)
  for (let i = 0; i < 10; i++) await receiver.receive(await delivery('140.82.115.4', 'forged'))
  await expect
    .poll(async () => (await receiver.receive(await delivery('140.82.115.4'))).status, { timeout: 2_000 })
    .toBe(429)
})
