import { createReceiver, type Receiver, standardWebhooks } from '@hookgate/core'
import { keyspace, redis as redisBackend } from '@hookgate/redis'
import type { Redis } from 'ioredis'
import { invoicePaid } from '../micro/schema.js'
import { secrets } from '../secrets.js'
import type { HookgateRouteName } from './routes.js'

/** How often the Redis route's job stream is emptied: no worker consumes it in the bench. */
const trimEveryMs = 500

/**
 * The receivers behind hookgate's routes: the full pipeline (verify, parse, zod validation, claim,
 * handoff) with the memory store and queue, and, when Redis answers, with `redis()`.
 *
 * The Redis route measures the request path only, as in a deployment where workers run elsewhere
 * (`receiver.work()` is not called here); its job stream is trimmed in the background so Redis does not
 * fill up with unconsumed jobs. The memory queue is always consumed in-process, so the memory route also
 * pays for running the (no-op) handler.
 */
export function benchReceivers(
  redis: Redis | undefined,
  prefix: string,
): { receivers: Partial<Record<HookgateRouteName, Receiver>>; close(): Promise<void> } {
  const provider = standardWebhooks({ secret: secrets.standardWebhooks })
  const receivers: Partial<Record<HookgateRouteName, Receiver>> = {
    'hookgate-memory': createReceiver({ provider }).on('*', invoicePaid, () => {}),
  }
  let trim: NodeJS.Timeout | undefined
  if (redis) {
    receivers['hookgate-redis'] = createReceiver({
      provider,
      ...redisBackend({ client: redis, prefix }),
    }).on('*', invoicePaid, () => {})
    const jobs = keyspace(prefix).jobs
    trim = setInterval(() => void redis.xtrim(jobs, 'MAXLEN', 0).catch(() => {}), trimEveryMs)
  }
  return {
    receivers,
    async close() {
      clearInterval(trim)
      await Promise.all(Object.values(receivers).map((receiver) => receiver.close()))
    },
  }
}
