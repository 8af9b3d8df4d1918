import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { type Duration, toMs } from '@hookgate/core'
import type { Redis } from 'ioredis'
import { bounded } from './bounded.js'
import { type Commands, commands } from './commands.js'
import { type Keyspace, keyspace } from './keys.js'
import { type RedisBackendOptions, redisDefaults } from './options.js'

/** What the store and the queue share: the client with the scripts defined, the keys, the bounded caller. */
export interface Connection {
  client: Redis
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
}

/** Every option of `redis()` checked, with its default: a mistake fails here, naming the option. */
export function resolveSettings(options: RedisBackendOptions): QueueSettings {
  const { client } = options
  if (typeof client?.defineCommand !== 'function') {
    throw new TypeError('client must be an ioredis client: redis({ client: new Redis(url) })')
  }
  const timeout = positive(options.timeout ?? redisDefaults.timeout, 'timeout')
  refuseShorterCommandTimeout(client, timeout)
  return {
    connection: {
      client,
      scripts: commands(client),
      keys: keyspace(options.prefix ?? redisDefaults.prefix),
      timeout,
      call: (what, work) => bounded(what, timeout, work),
    },
    group: name(options.group ?? redisDefaults.group, 'group'),
    consumer: name(
      options.consumer ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
      'consumer',
    ),
    block: positive(options.block ?? redisDefaults.block, 'block'),
    reclaimAfter: positive(options.reclaimAfter ?? redisDefaults.reclaimAfter, 'reclaimAfter'),
    onError: options.onError ?? redisDefaults.onError,
  }
}

/**
 * `timeout` is the one bound on a call. A client `commandTimeout` shorter than it would fail calls first,
 * so `timeout` would silently not be what decides; a longer one never fires on hookgate's calls.
 */
function refuseShorterCommandTimeout(client: Redis, timeout: number): void {
  const { commandTimeout } = client.options
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
