import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { type Duration, toMs } from '@hookgate/core'
import { bounded } from './bounded.js'
import { isCluster } from './client.js'
import { type Commands, commands } from './commands.js'
import type { Keyspace } from './keys.js'
import { type Durability, type RedisBackendOptions, type RedisClient, redisDefaults } from './options.js'
import { shardKeyspaces } from './shards.js'
import { waitConnections } from './wait-connections.js'

/**
 * What the store and the queue of one shard share: the client with the scripts defined, the shard's keys,
 * the bounded caller.
 */
export interface Connection {
  client: RedisClient
  scripts: Commands
  keys: Keyspace
  /** Milliseconds one call may take: the bound `call` enforces, which the store and queue declare. */
  timeout: number
  call<T>(what: string, work: () => Promise<T>): Promise<T>
}

/** The resolved options the store, the queue and the worker loop run with. */
export interface QueueSettings {
  connection: Connection
  group: string
  consumer: string
  /** Milliseconds. */
  block: number
  /** Milliseconds. */
  reclaimAfter: number
  onError: (error: unknown) => void
  /** Replicas each claim-and-enqueue waits for, how long (ms), and its connection; undefined: none. */
  durability: { replicas: number; timeout: number; connection: () => Promise<RedisClient> } | undefined
}

/**
 * Every option of `redis()` checked, with its default: a mistake fails here, naming the option. One
 * settings per shard, alike but for the keys.
 */
export function resolveSettings(options: RedisBackendOptions): QueueSettings[] {
  const { client } = options
  if (typeof client?.defineCommand !== 'function') {
    throw new TypeError('client must be an ioredis client: redis({ client: new Redis(url) })')
  }
  const timeout = positive(options.timeout ?? redisDefaults.timeout, 'timeout')
  refuseShorterCommandTimeout(client, timeout)
  const shared = {
    group: name(options.group ?? redisDefaults.group, 'group'),
    consumer: name(
      options.consumer ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
      'consumer',
    ),
    block: positive(options.block ?? redisDefaults.block, 'block'),
    reclaimAfter: positive(options.reclaimAfter ?? redisDefaults.reclaimAfter, 'reclaimAfter'),
    onError: options.onError ?? redisDefaults.onError,
    durability: options.durability && durability(client, options.durability, timeout),
  }
  const scripts = commands(client)
  const call = <T>(what: string, work: () => Promise<T>) => bounded(what, timeout, work)
  return shardKeyspaces(options.prefix ?? redisDefaults.prefix, options.shards ?? redisDefaults.shards).map(
    (keys) => ({ ...shared, connection: { client, scripts, keys, timeout, call } }),
  )
}

/**
 * `WAIT`'s own timeout must end before `timeout` cuts the round trip short, or 503s would not say why.
 */
function durability(
  client: RedisClient,
  { replicas, timeout: wait, connections }: Durability,
  timeout: number,
) {
  if (!Number.isInteger(replicas) || replicas < 1) {
    throw new TypeError(`durability.replicas must be an integer of at least 1, got ${String(replicas)}`)
  }
  const ms = positive(wait ?? redisDefaults.durabilityTimeout, 'durability.timeout')
  if (ms >= timeout) {
    throw new TypeError(`durability.timeout (${ms} ms) must be shorter than timeout (${timeout} ms)`)
  }
  const count = connections ?? redisDefaults.durabilityConnections
  if (!Number.isInteger(count) || count < 1 || count > 64) {
    throw new TypeError(`durability.connections must be an integer from 1 to 64, got ${String(connections)}`)
  }
  return { replicas, timeout: ms, connection: waitConnections(client, count) }
}

/**
 * `timeout` is the one bound on a call. A client `commandTimeout` shorter than it would fail calls first,
 * so `timeout` would silently not be what decides; a longer one never fires on hookgate's calls.
 */
function refuseShorterCommandTimeout(client: RedisClient, timeout: number): void {
  const { commandTimeout } = (isCluster(client) ? client.options.redisOptions : client.options) ?? {}
  if (typeof commandTimeout === 'number' && commandTimeout < timeout) {
    throw new TypeError(
      `timeout is ${timeout} ms but the client's commandTimeout is ${commandTimeout} ms and would cut ` +
        'calls short first: leave commandTimeout unset (every call is bounded by timeout) or lower timeout',
    )
  }
}

function positive(value: Duration, option: string): number {
  const ms = toMs(value, option)
  if (ms > 0) return ms
  throw new TypeError(`${option} must be longer than 0, got ${String(value)}`)
}

function name(value: string, option: string): string {
  if (typeof value === 'string' && value !== '') return value
  throw new TypeError(`${option} must be a non-empty string, got ${JSON.stringify(value)}`)
}
