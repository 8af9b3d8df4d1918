import type { HandoffQueue } from '@hookgate/core'
import { UsageError } from '../exit.js'
import { loadRedisSupport, type RedisSupport } from './load-redis.js'

/** Where dead letters live: the same Redis, prefix and shards the receiver's `redis()` was given. */
export interface DlqTarget {
  /** `redis://[user:password@]host:port[/db]`. */
  redis: string
  /** The `prefix` of the receiver's `redis()`. */
  prefix: string
  /** The `shards` of the receiver's `redis()`: each command covers every shard. */
  shards: number
}

/** The URL without its password, for messages: connection strings often carry one. */
export function redactUrl(url: string): string {
  if (!URL.canParse(url)) return '(unparsable Redis URL)'
  const parsed = new URL(url)
  if (parsed.password) parsed.password = '***'
  return parsed.toString()
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
  const support = await loadRedisSupport()
  const shards = keyspacesOf(support, target)
  const client = await support
    .createRedisClient(target.redis, { retryStrategy: () => null })
    .catch((error: Error) => {
      throw new Error(`can not reach Redis at ${redactUrl(target.redis)}: ${error.message}`)
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
