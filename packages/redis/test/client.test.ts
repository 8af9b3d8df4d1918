import { createRedisClient } from '@hookgate/redis'
import type { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { type OwnRedis, startOwnRedis } from '../../../test/redis/fixtures/redis-server.js'
import { sleep } from './jobs.js'

// A Redis of the test's own, killed and started again: createRedisClient reports each outage once.
let redis: OwnRedis
let client: Redis | undefined
let down = false
beforeAll(async () => {
  redis = await startOwnRedis()
})
afterEach(async () => {
  client?.disconnect()
  if (down) await start() // up again for the next test
})
afterAll(() => redis.stop())

async function kill(): Promise<void> {
  await redis.kill()
  down = true
}

async function start(): Promise<void> {
  await redis.start()
  down = false
}

async function until(condition: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting')
    await sleep(20)
  }
}

describe('createRedisClient', () => {
  it('tells its logger once per outage, not per reconnection attempt, and when it is back', async () => {
    const unhandled = vi.spyOn(console, 'error').mockImplementation(() => {})
    const logger = { warn: vi.fn(), info: vi.fn() }
    client = await createRedisClient(redis.url, {}, { logger })
    try {
      for (const outage of [1, 2]) {
        await kill()
        await sleep(1_500) // several reconnection attempts, each refused
        expect(logger.warn).toHaveBeenCalledTimes(outage)
        expect(logger.warn.mock.lastCall?.[0].err).toBeInstanceOf(Error)
        await start()
        await until(() => client?.status === 'ready')
        expect(logger.info).toHaveBeenCalledTimes(outage)
      }
      expect(await client.ping()).toBe('PONG')
      expect(unhandled).not.toHaveBeenCalled() // no "[ioredis] Unhandled error event"
    } finally {
      unhandled.mockRestore()
    }
  })

  it('warns on the console by default', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      client = await createRedisClient(redis.url)
      await kill()
      await sleep(1_000)
      expect(warn).toHaveBeenCalledTimes(1)
      expect(String(warn.mock.lastCall?.[0])).toMatch(/\[hookgate\/redis\] redis connection lost/)
    } finally {
      warn.mockRestore()
    }
  })
})
