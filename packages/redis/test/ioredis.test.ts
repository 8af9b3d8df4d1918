import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { redis } from '@hookgate/redis'
import { Redis, type RedisOptions } from 'ioredis'
import { afterAll, describe, expect, it } from 'vitest'
import { claim, job, limits, work } from './jobs.js'
import { redisUrl, useRedis } from './redis.js'

// CI runs the Redis tests twice: on ioredis 5, and with HOOKGATE_IOREDIS=6 on ioredis 6, whose replies
// are RESP3 by default (see entries.ts). These make sure the switch took, in child processes too.
const prefix = 'test-redis-ioredis'
const wanted = process.env.HOOKGATE_IOREDIS === '6' ? 3 : 2
let client: Redis
useRedis(prefix, (connected) => {
  client = connected
})

describe('the ioredis under test', () => {
  it('is the release HOOKGATE_IOREDIS asks for, here and in child processes', async () => {
    const speaks = (redis: Redis) => (redis.options as { protocol?: number }).protocol ?? 2
    expect(speaks(client)).toBe(wanted)
    const fixture = fileURLToPath(new URL('./fixtures/ioredis-protocol.ts', import.meta.url))
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', fixture])
    expect(Number(stdout)).toBe(wanted)
  })
})

describe('the redis queue on RESP3 replies as objects (ioredis 6, replyMapping: resp3)', () => {
  // Unknown options to ioredis 5, which then runs this as any other client.
  const resp3 = new Redis(redisUrl, { protocol: 3, replyMapping: 'resp3' } as RedisOptions)
  afterAll(() => resp3.disconnect())

  it('runs, retries and dead-letters jobs', async () => {
    const queue = redis({ client: resp3, prefix, block: 50, reclaimAfter: 300 }).queue
    await queue.claimAndEnqueue?.('test:resp3', claim, job('resp3'), limits)
    const seen = await work(
      queue,
      (j) =>
        j.attempt === 1
          ? { status: 'retry', delay: 10, succeeded: [], error: new Error('again') }
          : { status: 'dead', succeeded: [], error: new Error('gave up') },
      // Past a full reclaim scan, so the consumer list (XINFO, a map per consumer) was read too.
      (all) => all.length === 2,
    )
    expect(seen.map((j) => j.attempt)).toEqual([1, 2])
    expect((await queue.listDeadLetters()).map((l) => l.job.event)).toEqual([job('resp3').event])
  })
})
