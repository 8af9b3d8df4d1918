import type { HandoffQueue, IdempotencyStore } from '@hookgate/core'
import type { RedisBackendOptions } from './options.js'
import { createQueue } from './queue.js'
import { durableStore } from './replicated.js'
import { resolveSettings } from './settings.js'
import { shardedBackend } from './sharded.js'
import { createStore } from './store.js'

/** The store and the queue of one Redis namespace: spread it into `createReceiver`. */
export interface RedisBackend {
  /** Claims, renews and completes ids: one Lua script per decision, on Redis's clock. */
  readonly store: IdempotencyStore
  /** The durable handoff (`durable: true`): a Redis Stream that `receiver.work()` consumes. */
  readonly queue: HandoffQueue
}

/**
 * The production store and durable queue, on your ioredis client:
 * `createReceiver({ provider, ...redis({ client }) })`. They come as a pair because they must share the
 * client and the prefix: the queue's `claimAndEnqueue` writes the claim that the store then renews and
 * completes. Every option is checked here, and every call of either is bounded by `timeout`.
 */
export function redis(options: RedisBackendOptions): RedisBackend {
  const shards = resolveSettings(options)
  const [only] = shards
  if (only && shards.length === 1) return { store: createStore(durableStore(only)), queue: createQueue(only) }
  return shardedBackend(shards)
}
