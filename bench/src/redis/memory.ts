import { createHash } from 'node:crypto'
import { redis as redisBackend } from '@hookgate/redis'
import type { Redis } from 'ioredis'

export interface RedisMemory {
  keys: number
  /** Growth of Redis's `used_memory` per remembered id, bytes. */
  bytesPerId: number
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory')
  const match = /^used_memory:(\d+)/m.exec(info)
  if (!match) throw new Error('INFO memory has no used_memory')
  return Number(match[1])
}

/**
 * Redis memory per remembered id: `keys` ids claimed and completed through the `redis()` store (the
 * receiver's key shape, a 40-hex payload hash, a 3-day window), `used_memory` before and after. Other
 * clients of the same Redis add noise, which is why the count is large. The caller deletes the prefix
 * afterwards.
 */
export async function measureRedisMemory(redis: Redis, prefix: string, keys: number): Promise<RedisMemory> {
  const { store } = redisBackend({ client: redis, prefix })
  const dedupWindow = 3 * 86_400_000
  const before = await usedMemory(redis)
  const batch = 200
  for (let start = 0; start < keys; start += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, keys - start) }, async (_, i) => {
        const n = start + i
        const key = `standard-webhooks:msg_${n.toString(36).padStart(27, '0')}`
        const payloadHash = createHash('sha1').update(key).digest('hex')
        const claim = await store.claim(key, { payloadHash, lease: 60_000, dedupWindow })
        if (claim.status !== 'claimed') throw new Error(`redis memory: ${key} was ${claim.status}`)
        await store.complete(key, claim.token, { dedupWindow })
      }),
    )
  }
  const after = await usedMemory(redis)
  return { keys, bytesPerId: (after - before) / keys }
}
