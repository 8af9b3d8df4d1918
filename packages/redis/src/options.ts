import type { Redis } from 'ioredis'
import { bounded, defaultTimeout } from './bounded.js'
import { type Commands, commands } from './commands.js'
import { type Keyspace, keyspace } from './keys.js'

/** What the store and the queue share. Give both the same `client` (or one to the same Redis) and `prefix`. */
export interface RedisConnectionOptions {
  /**
   * Your ioredis client. Recommended options: `safeClientOptions` (or use `createRedisClient`); whatever
   * they are, every call is bounded by `timeout`.
   */
  client: Redis
  /** Namespace of every key, used as the Redis Cluster hash tag `{prefix}`. Default `'hookgate'`. */
  prefix?: string
  /** Milliseconds one call may take before it fails with `StoreUnavailableError` (503). Default 1000. */
  timeout?: number
}

/** The resolved connection: the client with the scripts defined, the keys, and the bounded caller. */
export interface Connection {
  client: Redis
  scripts: Commands
  keys: Keyspace
  timeout: number
  call<T>(what: string, work: () => Promise<T>): Promise<T>
}

export function connect(options: RedisConnectionOptions): Connection {
  const timeout = options.timeout ?? defaultTimeout
  if (!(Number.isFinite(timeout) && timeout > 0)) {
    throw new TypeError(`timeout must be a positive number of milliseconds, got ${String(timeout)}`)
  }
  return {
    client: options.client,
    scripts: commands(options.client),
    keys: keyspace(options.prefix),
    timeout,
    call: (what, work) => bounded(what, timeout, work),
  }
}
