import type { Logger } from '@hookgate/core'
import { Cluster, type ClusterNode, type ClusterOptions, Redis, type RedisOptions } from 'ioredis'
import type { RedisClient } from './options.js'

/**
 * Client options under which an outage fails fast instead of piling commands up: no offline queue (a command
 * sent while disconnected fails at once), one retry per command, a connect timeout, and reconnection forever
 * with a backoff capped at one second so processing resumes by itself when Redis returns. Auto-pipelining
 * sends the commands of concurrent deliveries issued in one event-loop turn in one socket write: under load
 * that saves a system call per delivery (about a fifth of the server's CPU per delivery in the bench).
 *
 * No `commandTimeout`: `redis({ timeout })` bounds every call itself, and a second timer here would either
 * fire first (then it, not `timeout`, decides) or never. It frees nothing either: ioredis keeps a timed-out
 * command queued until its reply comes.
 */
export const safeClientOptions: RedisOptions = {
  enableOfflineQueue: false,
  enableAutoPipelining: true,
  maxRetriesPerRequest: 1,
  connectTimeout: 1_000, // a dead host is noticed within a second
  retryStrategy: (times) => Math.min(times * 100, 1_000),
}

/**
 * `safeClientOptions` for an ioredis `Cluster`: the same choices, placed where a cluster client takes them
 * (its own offline queue, auto-pipelining and reconnection; each node connection's retry and connect
 * timeout). During a failover, calls to the lost primary fail or time out (503) until ioredis, redirected
 * (`MOVED`) or refreshing its slots, reaches the new one.
 */
export const safeClusterOptions: ClusterOptions = {
  enableOfflineQueue: false,
  enableAutoPipelining: true,
  clusterRetryStrategy: (times) => Math.min(times * 100, 1_000),
  redisOptions: { maxRetriesPerRequest: 1, connectTimeout: 1_000 },
}

/** What `createRedisClient` and `createClusterClient` do besides connecting. */
export interface RedisClientOptions {
  /**
   * Told when the connection is lost (`warn`, once per outage, however many reconnection attempts fail)
   * and when it is back (`info`). Give it the receiver's logger. Default: `console.warn` for outages.
   */
  logger?: Pick<Logger, 'warn' | 'info'>
}

const consoleOutages: Pick<Logger, 'warn' | 'info'> = {
  warn: (fields, message) => console.warn(`[hookgate/redis] ${message}`, fields),
  info() {},
}

/**
 * An ioredis client with `safeClientOptions` (overridable), resolved once it is connected: with the offline
 * queue off, commands sent before the connection is ready would fail. Rejects (and disconnects) when the
 * first connection attempt fails. Its connection errors go to `logger`, once per outage, instead of
 * ioredis printing "Unhandled error event" for every reconnection attempt.
 */
export function createRedisClient(
  url: string,
  overrides: RedisOptions = {},
  options: RedisClientOptions = {},
): Promise<Redis> {
  return connected(new Redis(url, { ...safeClientOptions, ...overrides }), options)
}

/**
 * `createRedisClient` for a Redis Cluster: an ioredis `Cluster` on `safeClusterOptions` (overridable;
 * `redisOptions` merged with theirs), from one or more of its nodes (as ioredis' `Cluster` takes them:
 * `{ host, port }`, a port, a `redis://` URL), resolved once it has read the slot map and is ready. A
 * seed's password does not reach the nodes found through it: give `redisOptions: { password }` (and `tls`
 * for `rediss:`). An outage is the client losing the whole cluster (ioredis reports one node's loss as
 * `node error`, and calls to its slots fail until a replica takes over).
 */
export function createClusterClient(
  nodes: readonly ClusterNode[],
  overrides: ClusterOptions = {},
  options: RedisClientOptions = {},
): Promise<Cluster> {
  const redisOptions = { ...safeClusterOptions.redisOptions, ...overrides.redisOptions }
  return connected(new Cluster([...nodes], { ...safeClusterOptions, ...overrides, redisOptions }), options)
}

/** `client` once ready, its outages reported; disconnected when its first connection attempt fails. */
async function connected<T extends RedisClient>(
  client: T,
  { logger = consoleOutages }: RedisClientOptions,
): Promise<T> {
  reportOutages(client, logger)
  try {
    await ready(client)
  } catch (error) {
    client.disconnect()
    throw error
  }
  return client
}

export const isCluster = (client: RedisClient): client is Cluster => client.isCluster

/**
 * A second connection like `client` (a second `Cluster` for a cluster: one connection per node), for
 * blocking reads: connected now (the user's client may be lazy), failing fast while disconnected, never
 * replaying a read nobody waits for any more, and no auto-pipelining: ioredis then drops the command name of
 * `callBuffer` (it would send `GROUP ...` for `XREADGROUP GROUP ...`). No command timeout inherited from the
 * client either: it would cut a healthy blocking read short, and `bounded` bounds every read.
 */
export function duplicateForReads(client: RedisClient): RedisClient {
  const own = { lazyConnect: false, enableOfflineQueue: false, enableAutoPipelining: false }
  const perNode = { autoResendUnfulfilledCommands: false, commandTimeout: undefined }
  if (!isCluster(client)) return client.duplicate({ ...own, ...perNode })
  // Cluster#duplicate merges the options one level deep only.
  return client.duplicate([], { ...own, redisOptions: { ...client.options.redisOptions, ...perNode } })
}

/** Resolves when `client` is ready; rejects on its first error or when it gives up. */
export function ready(client: RedisClient): Promise<void> {
  if (client.status === 'ready') return Promise.resolve()
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      client.off('ready', onReady).off('error', done).off('end', onEnd)
      if (error) reject(error)
      else resolve()
    }
    const onReady = () => done()
    const onEnd = () => done(new Error('redis connection closed before it was ready'))
    client.on('ready', onReady).on('error', done).on('end', onEnd)
  })
}

/**
 * One warning per outage: the first connection error after the client was ready, then nothing until it
 * is ready again. Errors before the first ready are left to `ready()`, which rejects with them.
 */
function reportOutages(client: RedisClient, logger: Pick<Logger, 'warn' | 'info'>): void {
  let state: 'connecting' | 'up' | 'down' = 'connecting'
  client.on('error', (error: Error) => {
    if (state !== 'up') return
    state = 'down'
    logger.warn({ err: error }, 'redis connection lost; reconnecting (calls fail until it is back)')
  })
  client.on('ready', () => {
    if (state === 'down') logger.info({}, 'redis connection is back')
    state = 'up'
  })
}
