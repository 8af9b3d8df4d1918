import type { HandoffQueue } from '@hookgate/core'
import { loadRedisSupport } from './load-redis.js'

/** Where dead letters live: the same Redis and prefix the receiver's `redis()` was given. */
export interface DlqTarget {
  /** `redis://[user:password@]host:port[/db]`. */
  redis: string
  /** The `prefix` of the receiver's `redis()`. */
  prefix: string
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
  const { createRedisClient, keyspace, redis } = await loadRedisSupport()
  const client = await createRedisClient(target.redis, { retryStrategy: () => null }).catch(
    (error: Error) => {
      throw new Error(`can not reach Redis at ${redactUrl(target.redis)}: ${error.message}`)
    },
  )
  try {
    const count = () => client.xlen(keyspace(target.prefix).dead)
    return await work(redis({ client, prefix: target.prefix }).queue, count)
  } finally {
    client.disconnect()
  }
}
