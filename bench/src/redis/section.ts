import { connectRedis, deletePrefix } from '../http/redis.js'
import type { Profile } from '../profile.js'
import { measureRedisMemory, type RedisMemory } from './memory.js'
import { countRoundTrips, type RoundTrips } from './round-trips.js'

export interface RedisResults {
  roundTrips: RoundTrips
  memory: RedisMemory
}

/** Round trips per delivery and memory per id, under a prefix of this process deleted afterwards. */
export async function runRedis(profile: Profile): Promise<RedisResults | { skipped: string }> {
  const redis = await connectRedis()
  if (!redis) return { skipped: 'Redis did not answer at REDIS_URL / 127.0.0.1:6379' }
  const prefix = `hookgate-bench-${process.pid}`
  try {
    return {
      roundTrips: await countRoundTrips(redis, `${prefix}-trips`, profile.name === 'smoke' ? 20 : 500),
      memory: await measureRedisMemory(redis, `${prefix}-memory`, profile.redisMemoryKeys),
    }
  } finally {
    await deletePrefix(redis, `{${prefix}`)
    redis.disconnect()
  }
}
