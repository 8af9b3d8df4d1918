import type { Duration } from '@hookgate/core'
import type { Cluster, Redis } from 'ioredis'

/**
 * The ioredis clients `redis()` runs on: a `Redis` on one server or on the primary Sentinel names
 * (`new Redis({ sentinels, name })`), or a `Cluster`. Only core commands are sent (no modules).
 */
export type RedisClient = Redis | Cluster

/** `redis({ durability })`: what a 2xx waits for besides the primary. */
export interface Durability {
  /** How many replicas must have acknowledged the claim and the job (`WAIT replicas timeout`). */
  replicas: number
  /**
   * How long `WAIT` waits for them; shorter than `timeout`, which bounds the whole round trip.
   * @default '500ms'
   */
  timeout?: Duration
  /**
   * The connections `WAIT` is sent on, in turn, opened as deliveries first need them. `WAIT` holds its
   * connection until the replicas answer, so the deliveries on one connection wait one after another:
   * more let more wait at once (a replica round trip across zones, or a lagging replica, is then paid in
   * parallel).
   * @default 4
   */
  connections?: number
}

/** What `redis()` takes: one client and one namespace, shared by the store and the queue it returns. */
export interface RedisBackendOptions {
  /**
   * Your ioredis client (5.4 or later, or 6): a `Redis`, a Sentinel-managed `Redis` (`sentinels`, `name`)
   * or a `Cluster`. Recommended options: `safeClientOptions` (or create it with `createRedisClient`);
   * whatever they are, every call is bounded by `timeout`. A `commandTimeout` shorter than `timeout` is
   * refused: it, not `timeout`, would decide when a call fails.
   */
  client: RedisClient
  /**
   * Namespace of every key, used as the Redis Cluster hash tag `{prefix}`: non-empty, no `{` or `}`.
   * @default 'hookgate'
   */
  prefix?: string
  /**
   * How many shards the namespace is spread over, each under a hash tag of its own (`{prefix:n}`, so on a
   * Redis Cluster slot of its own) with its own streams and fence counter. A delivery's claim and job go
   * to the shard its dedup key hashes to (FNV-1a), so a duplicate meets its claim whichever receiver gets
   * it; every worker consumes every shard, within one `concurrency`. 1 keeps every key under `{prefix}`.
   * Changing it moves ids to other shards: see docs/redis.md before you do.
   * @default 1
   */
  shards?: number
  /**
   * Answer 2xx only once `replicas` replicas have the claim and the job too (`WAIT`, in the claim's round
   * trip). Fewer in time: 503, and the claim is released so the sender's retry is processed. Without it a
   * 2xx means "on the primary": a primary that fails before replicating it loses the job.
   * @default none
   */
  durability?: Durability
  /**
   * How long one Redis call may take before it fails with `StoreUnavailableError` (the receiver answers
   * 503). The one bound on every call of the store and the queue: they declare it (`store.timeout`,
   * `queue.timeout`), so the receiver sets no timer of its own and its `storeTimeout` does not apply.
   * @default '1s'
   */
  timeout?: Duration
  /**
   * The consumer group every worker of this namespace joins.
   * @default 'hookgate'
   */
  group?: string
  /**
   * This worker's name in the group. Keep it stable across restarts (e.g. the pod or host name) so a
   * restarted worker resumes its own unfinished jobs at once instead of waiting `reclaimAfter`.
   * @default `<hostname>-<pid>-<random>` (drawn for each `redis()` call)
   */
  consumer?: string
  /**
   * How long a blocking read for new jobs waits; due retries are moved back at least this often. The read
   * itself is bounded by `block` plus `timeout`.
   * @default '1s'
   */
  block?: Duration
  /**
   * How long a job may sit unacknowledged with a silent worker before another worker takes it over
   * (`XAUTOCLAIM`). Running jobs are heartbeated every third of it, so a worker loses its jobs only once it
   * has been silent that long: dead, or alive but frozen (a long GC pause, a suspended VM, a handler
   * blocking the event loop). The worker that takes a job over also takes its claim, with a greater fence:
   * the frozen one can no longer complete it, and its handlers' `ctx.signal` aborts when it wakes up, but
   * what they did meanwhile stays done (see `ctx.fence`).
   * @default '1m'
   */
  reclaimAfter?: Duration
  /**
   * Told about worker-loop failures the loop outlives (Redis unreachable, slow or restarting); it backs off
   * and carries on. A failure it cannot outlive stops it instead: `consume()` rejects with
   * `ConsumerFailedError`.
   * @default a `console.warn`
   */
  onError?: (error: unknown) => void
}

/**
 * Every default of `redis()` but `consumer`, which is drawn per call (see `RedisBackendOptions`), and
 * `durability`, off unless given (`durabilityTimeout` and `durabilityConnections` are its `timeout`'s and
 * `connections`' defaults).
 */
export const redisDefaults = {
  prefix: 'hookgate',
  shards: 1,
  timeout: '1s',
  durabilityTimeout: '500ms',
  durabilityConnections: 4,
  group: 'hookgate',
  block: '1s',
  reclaimAfter: '1m',
  onError: (error: unknown) => console.warn('[hookgate/redis] worker:', error),
} as const satisfies Required<Omit<RedisBackendOptions, 'client' | 'consumer' | 'durability'>> & {
  durabilityTimeout: Duration
  durabilityConnections: number
}
