import type { HandoffQueue } from '@hookgate/core'
import type { RedisClient } from '@hookgate/redis'
import { UsageError } from '../exit.js'
import { type RedisAddress, redactUrl, redisAddress } from './address.js'
import { loadRedisSupport, type RedisSupport } from './load-redis.js'

/** Where dead letters live: the same Redis, prefix and shards the receiver's `redis()` was given. */
export interface DlqTarget {
  /** `redis://[user:password@]host:port[/db]`; with `cluster`, one or more seeds, comma-separated. */
  redis: string
  /** A Redis Cluster, reached through the seeds in `redis`. */
  cluster?: boolean
  /** The `prefix` of the receiver's `redis()`. */
  prefix: string
  /** The `shards` of the receiver's `redis()`: each command covers every shard. */
  shards: number
}

/**
 * Runs `work` on the dead-letter queue, then disconnects. Connection failures say which Redis (password
 * redacted) so the fix is obvious. `count` is how many dead letters there are in all, which the queue's
 * API (a list with a limit) does not say.
 */
export async function withDeadLetters<T>(
  target: DlqTarget,
  work: (queue: HandoffQueue, count: () => Promise<number>) => Promise<T>,
): Promise<T> {
  const address = redisAddress(target.redis, target.cluster ?? false)
  const support = await loadRedisSupport()
  const shards = keyspacesOf(support, target)
  const client = await connect(support, address).catch((error: Error) => {
    const what = address.cluster ? 'the Redis Cluster' : 'Redis'
    throw new Error(`can not reach ${what} at ${redactUrl(target.redis)}: ${reasonOf(error)}`)
  })
  try {
    const count = async () =>
      (await Promise.all(shards.map((keys) => client.xlen(keys.dead)))).reduce((a, b) => a + b, 0)
    const { queue } = support.redis({ client, prefix: target.prefix, shards: target.shards })
    return await work(queue, count)
  } finally {
    client.disconnect()
  }
}

/** One attempt only: a command line reports an unreachable Redis instead of retrying forever. */
function connect(support: RedisSupport, address: RedisAddress): Promise<RedisClient> {
  if (!address.cluster) return support.createRedisClient(address.url, { retryStrategy: () => null })
  return support.createClusterClient(address.seeds, {
    clusterRetryStrategy: () => null,
    redisOptions: address.nodeOptions,
  })
}

/** ioredis says "Failed to refresh slots cache." when no seed answered; why is in `lastNodeError`. */
function reasonOf(error: Error & { lastNodeError?: Error }): string {
  return error.lastNodeError ? `${error.message} (${error.lastNodeError.message})` : error.message
}

/**
 * Every shard's keys, computed before connecting so that a `--prefix` or `--shards` that `redis()` would
 * refuse is a usage error, not a failure after a connection. Its messages start with the option's name:
 * with `--` in front they name the flag.
 */
function keyspacesOf({ shardKeyspaces }: RedisSupport, { prefix, shards }: DlqTarget) {
  try {
    return shardKeyspaces(prefix, shards)
  } catch (error) {
    if (error instanceof TypeError) throw new UsageError(`--${error.message}`)
    throw error
  }
}
