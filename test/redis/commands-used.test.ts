import { readFileSync } from 'node:fs'
import { createReceiver, type Receiver, type ReceiverOptions, type WebhookEvent } from '@hookgate/core'
import { createRedisClient, type RedisBackendOptions, redis } from '@hookgate/redis'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { job } from '../../packages/redis/test/jobs.js'
import { redisUrl, useRedis } from '../../packages/redis/test/redis.js'
import { send } from '../redis-cluster/fixtures/receivers.js'
import { until } from '../redis-cluster/fixtures/topology.js'
import { provider } from './fixtures/signing.js'

// docs/redis.md says which commands hookgate sends ("Only core commands", so managed Redis and Valkey
// work): this records every command of every path (receiver, worker, retries, dead letters, ordering,
// durability, the store's extras) on a client whose connections, duplicated ones included, report each
// command they send and each script defined on them, and checks both against the lists written below and
// against the doc's. A new command fails here until both name it.
/** ioredis' `Redis` (ioredis resolves from packages/redis, not from here). */
type Redis = Awaited<ReturnType<typeof createRedisClient>>

const prefix = 'test-redis-commands-used'
useRedis(prefix, () => {})

const names = (list: string) => list.trim().split(/\s+/)

/**
 * What hookgate's connections may send. `EVAL` is never seen here: ioredis turns a script's `EVALSHA` into
 * `EVAL` as it writes it, on a connection's first use.
 */
const sendable = names(`DEL EVAL EVALSHA EXEC EXISTS GET INCRBY MULTI SET WAIT
  XADD XAUTOCLAIM XDEL XGROUP XINFO XLEN XRANGE XREADGROUP`)
/** What ioredis itself may send as it connects (the connections hookgate opens are recorded from the start). */
const handshake = names('CLIENT HELLO INFO')
/** What the Lua scripts may call (`redis.call`, inside `EVALSHA`). */
const scriptable = names(`DEL HDEL HGET HMGET HSET INCR PEXPIRE PTTL TIME XACK XADD XCLAIM XDEL XLEN
  XPENDING XREADGROUP ZADD ZRANGEBYSCORE ZREM`)

const sent = new Set<string>()
const called = new Set<string>()

/** `client`, reporting every command it sends and every script defined on it, and so its duplicates. */
function recording<T extends Redis>(client: T): T {
  const { sendCommand, defineCommand, duplicate } = client
  client.sendCommand = (...args: Parameters<Redis['sendCommand']>) => {
    sent.add(args[0].name.toUpperCase())
    return sendCommand.apply(client, args)
  }
  client.defineCommand = (name, definition) => {
    const lua = definition.lua
    const calls = [...lua.matchAll(/redis\.p?call\(\s*'([A-Za-z]+)'/g)].map(([, command = '']) => command)
    // A command named at run time (redis.call(ARGV[1])) could be anything: none may be.
    expect(calls).toHaveLength(lua.match(/redis\.p?call\(/g)?.length ?? 0)
    for (const command of calls) called.add(command.toUpperCase())
    defineCommand.call(client, name, definition)
  }
  client.duplicate = ((...args: Parameters<Redis['duplicate']>) =>
    recording(duplicate.apply(client, args))) as T['duplicate']
  return client
}

let client: Redis
const receivers: Receiver[] = []
beforeAll(async () => {
  client = recording(await createRedisClient(redisUrl, {}, { logger: { warn() {}, info() {} } }))
})
afterAll(async () => {
  for (const receiver of receivers) await receiver.close({ timeout: '2s' })
  client.disconnect()
})

const silent = { info() {}, warn() {}, error() {} }

function receiverOn(backend: Partial<RedisBackendOptions>, options: Partial<ReceiverOptions> = {}) {
  const made = redis({ client, prefix, block: '100ms', reclaimAfter: '600ms', onError() {}, ...backend })
  const receiver = createReceiver({ provider, ...made, logger: silent, ...options })
  receivers.push(receiver)
  return { receiver, ...made }
}

// The paths, one after another (a file's tests run in order), each recorded; the last test checks the record.
it('receives, works, retries, dead-letters, and serves metrics and the watchdog', async () => {
  const handled: string[] = []
  const { receiver, store, queue } = receiverOn(
    {},
    { lease: '300ms', retry: { attempts: 2, baseDelay: '50ms', maxDelay: '50ms' } },
  )
  receiver.on('*', async (event) => {
    const { fail, slow } = (event.payload as { data?: { fail?: boolean; slow?: boolean } }).data ?? {}
    // Slower than a third of the lease and of reclaimAfter: the claim is renewed and the job heartbeated.
    if (slow) await new Promise((resolve) => setTimeout(resolve, 700))
    if (fail) throw new Error('fails, so is retried, then dead-lettered')
    handled.push(event.id ?? '')
  })
  receiver.work()
  expect((await send(receiver, 'evt_ok')).status).toBe(202)
  expect((await send(receiver, 'evt_ok')).code).toBe('duplicate')
  expect((await send(receiver, 'evt_slow', { slow: true })).status).toBe(202)
  expect((await send(receiver, 'evt_dead_1', { fail: true })).status).toBe(202)
  expect((await send(receiver, 'evt_dead_2', { fail: true })).status).toBe(202)
  await until('two dead letters', 10_000, async () => (await receiver.deadLetters.list()).length === 2)
  await until('the slow job handled', 10_000, async () => handled.includes('evt_slow'))

  // Dead letters: replayed one by one and all at once, purged one by one and all at once.
  const [first] = await receiver.deadLetters.list()
  expect(await receiver.deadLetters.replay([first?.id ?? ''])).toBe(1)
  await until('the replay dead again', 10_000, async () => (await receiver.deadLetters.list()).length === 2)
  expect(await receiver.deadLetters.replay()).toBe(2)
  await until('the replays dead again', 10_000, async () => (await receiver.deadLetters.list()).length === 2)
  const [letter] = await receiver.deadLetters.list()
  expect(await receiver.deadLetters.purge([letter?.id ?? ''])).toBe(1)
  expect(await receiver.deadLetters.purge()).toBe(1)

  // What metrics (`pending`, `oldestWaiting`), the silence watchdog (`markSeen`, `lastSeen`) and a
  // delivery accepted unclaimed (`enqueue`, storeFailure: 'accept') call.
  await queue.pending?.()
  await queue.oldestWaiting?.()
  await store.markSeen?.('commands-used', Date.now())
  expect(await store.lastSeen?.('commands-used')).toBeGreaterThan(0)
  await queue.enqueue({ ...job('evt_enqueued'), key: 'test:enqueued', token: 'unclaimed' })
  await until('the enqueued job handled', 10_000, async () => handled.includes('evt_enqueued'))

  // ack: 'handled' claims with the store's own script.
  const handledNow = receiverOn({}, { ack: 'handled' }).receiver
  handledNow.on('*', () => {})
  expect((await send(handledNow, 'evt_now')).status).toBe(200)
  // The next worker runs jobs its own way: this one must not take them.
  await receiver.close({ timeout: '2s' })
})

it('orders per key and guards against stale events', async () => {
  const applied: string[] = []
  const ordered = receiverOn(
    {},
    { hooks: { onStale: ({ event }) => applied.push(`stale ${event.id}`) } },
  ).receiver
  const data = (event: { payload: unknown }) => (event.payload as { data?: { key: string; v: number } }).data
  const ordering = {
    orderKey: (event: WebhookEvent) => data(event)?.key,
    version: (event: WebhookEvent) => data(event)?.v ?? 0,
  }
  ordered.on('*', (event) => void applied.push(`applied ${event.id}`), ordering)
  ordered.work()
  for (const v of [2, 1]) expect((await send(ordered, `evt_order_${v}`, { key: 'k', v })).status).toBe(202)
  await until('both ordered events done', 10_000, async () => applied.length === 2)
  expect(applied).toEqual(['applied evt_order_2', 'stale evt_order_1'])
})

it('waits for replicas with durability, on connections of its own', async () => {
  // This Redis has no replica: WAIT answers 0, so the delivery is refused.
  const durable = receiverOn({ durability: { replicas: 1, timeout: '50ms' } }).receiver
  durable.on('*', () => {})
  expect(await send(durable, 'evt_durable')).toEqual({ status: 503, code: 'store_unavailable' })
})

it('sent only the commands listed here, and used each', () => {
  expect([...sent].filter((command) => ![...sendable, ...handshake].includes(command))).toEqual([])
  expect([...called].filter((command) => !scriptable.includes(command))).toEqual([])
  // Nor is either list longer than it must be (which also shows the recording works).
  const own = [...sent].filter((command) => !handshake.includes(command))
  expect([...own, 'EVAL'].sort()).toEqual([...sendable].sort())
  expect([...called].sort()).toEqual([...scriptable].sort())
})

it('lists in docs/redis.md exactly the commands allowed here', () => {
  const doc = readFileSync(new URL('../../docs/redis.md', import.meta.url), 'utf8').replace(/\s+/g, ' ')
  const listed = (after: string) =>
    [...(doc.split(after)[1]?.split(/[;.] /)[0] ?? '').matchAll(/`([A-Z]+)`/g)].map(([, command]) => command)
  expect(new Set(listed('Only these core commands are sent by its connections:'))).toEqual(
    new Set([...sendable, ...handshake]),
  )
  expect(new Set(listed('and inside its scripts:'))).toEqual(new Set(scriptable))
})
