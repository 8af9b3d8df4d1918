import { safeClientOptions } from '@hookgate/redis'
import { Redis } from 'ioredis'

export const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

/**
 * A connected client, or undefined when Redis does not answer within a second (its rows are skipped). The
 * peers' routes and hookgate's share it, with the options `@hookgate/redis` recommends (auto-pipelining
 * included), so every Redis row pays the same for its round trip.
 */
export async function connectRedis(): Promise<Redis | undefined> {
  const redis = new Redis(redisUrl, { ...safeClientOptions, lazyConnect: true, retryStrategy: () => null })
  try {
    await redis.connect()
    await redis.ping()
    return redis
  } catch {
    redis.disconnect()
    return undefined
  }
}

/** Deletes every key under `prefix`, in batches (SCAN, never KEYS). */
export async function deletePrefix(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0'
  let deleted = 0
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1_000)
    cursor = next
    if (keys.length > 0) deleted += await redis.unlink(...keys)
  } while (cursor !== '0')
  return deleted
}
