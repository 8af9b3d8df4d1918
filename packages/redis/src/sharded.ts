import type { DeadLetter, HandoffQueue, IdempotencyStore } from '@hookgate/core'
import { deadLetterListLimit } from '@hookgate/core'
import { Budget } from './budget.js'
import { consume } from './consumer.js'
import { createQueue } from './queue.js'
import { durableStore } from './replicated.js'
import type { QueueSettings } from './settings.js'
import { shardOf } from './shards.js'
import { createStore } from './store.js'

/**
 * A namespace over several shards: each shard is a whole store and queue of its own (its own hash tag,
 * streams and fence counter); this routes every call by the dedup key's shard. Dead letters are listed,
 * replayed and purged across shards, their ids prefixed with the shard's number (`<shard>:<stream id>`);
 * `pending()` and `oldestWaiting()` ask every shard at once and answer for the namespace (the sum, the oldest).
 */
export function shardedBackend(shards: readonly QueueSettings[]): {
  store: IdempotencyStore
  queue: HandoffQueue
} {
  const count = shards.length
  const stores = shards.map((settings) => createStore(durableStore(settings)))
  const queues = shards.map(createQueue)
  const queueOf = (key: string) => queues[shardOf(key, count)] as HandoffQueue
  const [first] = queues as [HandoffQueue]

  /** Each shard's ids in `ids` (all of them, when absent). */
  const byShard = (ids: readonly string[] | undefined) =>
    queues.map((queue, shard) => ({
      queue,
      ids: ids?.flatMap((id) => {
        const cut = id.indexOf(':')
        return id.slice(0, cut) === String(shard) ? [id.slice(cut + 1)] : []
      }),
    }))
  const sum = async (counts: Promise<number>[]) => (await Promise.all(counts)).reduce((a, b) => a + b, 0)

  const queue: HandoffQueue = {
    durable: true,
    timeout: first.timeout,
    enqueue: (job) => queueOf(job.key).enqueue(job),
    // Each shard stream holds its share of the receiver's maxPending, so the namespace holds about that many.
    claimAndEnqueue: (key, claim, job, limits) =>
      queueOf(key).claimAndEnqueue?.(key, claim, job, {
        ...limits,
        maxPending: Math.ceil(limits.maxPending / count),
      }) ?? Promise.reject(new Error('unreachable: every shard queue claims and enqueues')),
    pending: () => sum(queues.map(async (shard) => Number(await shard.pending?.()))),
    async oldestWaiting() {
      const oldest = await Promise.all(queues.map((shard) => shard.oldestWaiting?.()))
      const waiting = oldest.filter((at) => at !== undefined)
      return waiting.length === 0 ? undefined : Math.min(...waiting)
    },
    async consume(attempt, options) {
      // One loop per shard, within one concurrency; one loop failing for good stops them all.
      const budget = new Budget(options.concurrency, Math.ceil(options.concurrency / count))
      const all = new AbortController()
      const stop = () => all.abort(options.signal.reason)
      options.signal.addEventListener('abort', stop, { once: true })
      const loops = shards.map((settings) =>
        consume(settings, attempt, { ...options, signal: all.signal }, budget).catch((error: unknown) => {
          all.abort()
          throw error
        }),
      )
      const ended = await Promise.allSettled(loops)
      options.signal.removeEventListener('abort', stop)
      const failed = ended.find((result) => result.status === 'rejected')
      if (failed) throw failed.reason
    },
    async listDeadLetters({ limit = deadLetterListLimit } = {}): Promise<DeadLetter[]> {
      const lists = await Promise.all(queues.map((shard) => shard.listDeadLetters({ limit })))
      return lists
        .flatMap((letters, shard) => letters.map((letter) => ({ ...letter, id: `${shard}:${letter.id}` })))
        .sort((a, b) => a.failedAt - b.failedAt)
        .slice(0, limit)
    },
    replayDeadLetters: (ids) =>
      sum(byShard(ids).map(({ queue: shard, ids: own }) => shard.replayDeadLetters(own))),
    purgeDeadLetters: (ids) =>
      sum(byShard(ids).map(({ queue: shard, ids: own }) => shard.purgeDeadLetters(own))),
  }
  return { store: routeByKey(stores), queue }
}

/**
 * The store whose every method goes to the shard of its first argument. Every store method takes the key it
 * decides about first, and one key's decisions must all be made on one shard: routing by it holds for
 * methods added later too.
 */
function routeByKey(stores: readonly IdempotencyStore[]): IdempotencyStore {
  const [first] = stores as [IdempotencyStore]
  const routed: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(first)) {
    routed[name] =
      typeof value === 'function'
        ? (key: string, ...rest: unknown[]) => {
            const store = stores[shardOf(key, stores.length)] as unknown as Record<
              string,
              ((...args: unknown[]) => unknown) | undefined
            >
            return store[name]?.call(store, key, ...rest)
          }
        : value
  }
  return routed as unknown as IdempotencyStore
}
