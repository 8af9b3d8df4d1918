import type { Receiver } from '@hookgate/core'
import { type RedisBackendOptions, redis, shardKeyspaces, shardOf, slotOf } from '@hookgate/redis'
import { afterAll, describe, expect, it } from 'vitest'
import { ownerOf } from '../../packages/redis/test/clients.js'
import { handledKey } from '../redis/fixtures/app.js'
import { startWorkerProcess } from '../redis/fixtures/child.js'
import { crashScenario } from '../redis/fixtures/crash.js'
import { provider } from '../redis/fixtures/signing.js'
import { fileCluster } from './fixtures/file-cluster.js'
import { receiverOn as makeReceiver, runsOf, send } from './fixtures/receivers.js'
import { until } from './fixtures/topology.js'

// The receiver and worker suite on a real 3-primary, 3-replica Redis Cluster (ports 7100-7105, and their
// bus ports 17100-17105), through ioredis' Cluster client: one cluster for the file, started once.
const basePort = 7100
const cluster = fileCluster(basePort)
const { ports } = cluster
const closing: (() => unknown)[] = []

// Registered after the cluster's: runs before it stops (after-hooks run last registered first).
afterAll(async () => {
  for (const close of closing.reverse()) await close()
})

/** A receiver on a Cluster client of its own, closed after the file. */
async function receiverOn(prefix: string, options: Partial<RedisBackendOptions> = {}, work = true) {
  const made = await makeReceiver(cluster.connect, prefix, options, work)
  closing.push(made.close)
  return made
}

/** `count` ids, each sent once to each receiver at once: one 202 and one duplicate each, or it fails. */
async function sendEachTwice(a: Receiver, b: Receiver, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, n) => `evt_${n}`)
  const answers = await Promise.all(
    ids.flatMap((id, n) => [send(n % 2 ? a : b, id), send(n % 2 ? b : a, id)]),
  )
  expect(answers.filter((x) => x.status === 202)).toHaveLength(count)
  expect(answers.filter((x) => x.code === 'duplicate')).toHaveLength(count)
  return ids
}

const handledOnce = runsOf

describe('on a Redis Cluster', () => {
  it('keeps every key of a namespace on its hash tag slot, and runs the scripts by EVALSHA there', async () => {
    const prefix = 'cluster-slot'
    const { receiver, handled } = await receiverOn(prefix)
    expect((await send(receiver, 'evt_ok')).status).toBe(202)
    expect((await send(receiver, 'evt_retried', { fail: 'once' })).status).toBe(202)
    expect((await send(receiver, 'evt_dead', { fail: 'always' })).status).toBe(202)
    await until('the three handled', 10_000, async () => (await receiver.deadLetters.list()).length === 1)
    expect(handled.filter((h) => h.startsWith('evt_retried')).length).toBe(2)

    const slot = slotOf(prefix)
    const owner = await ownerOf(cluster.client, slot)
    const keys =
      (await cluster.topology?.cli(owner, '--scan', '--pattern', `{${prefix}}:*`))?.split('\n') ?? []
    // Claims, the streams, the delayed set (gone once empty), the dead letters and the fence counter.
    expect(keys.length).toBeGreaterThanOrEqual(6)
    for (const key of keys) expect(await cluster.client.cluster('KEYSLOT', key)).toBe(slot)
    expect(Number(await cluster.topology?.cli(owner, 'CLUSTER', 'COUNTKEYSINSLOT', String(slot)))).toBe(
      keys.length,
    )
    const stats = (await cluster.topology?.cli(owner, 'INFO', 'commandstats')) ?? ''
    expect(Number(/cmdstat_evalsha:calls=(\d+)/.exec(stats)?.[1] ?? 0)).toBeGreaterThan(5)
  })

  it('answers a duplicate at either receiver, and handles each id once', async () => {
    const prefix = 'cluster-dedup'
    const a = await receiverOn(prefix)
    const b = await receiverOn(prefix)
    const ids = await sendEachTwice(a.receiver, b.receiver, 30)
    expect((await send(a.receiver, 'evt_0', { other: 'payload' })).code).toBe('id_conflict')
    await until('every id handled', 10_000, async () => a.handled.length + b.handled.length >= ids.length)
    for (const id of ids) expect(handledOnce([...a.handled, ...b.handled], id)).toBe(1)
  })

  it('lists, replays and purges dead letters', async () => {
    const { receiver, handled } = await receiverOn('cluster-dead')
    await send(receiver, 'evt_d1', { fail: 'always' })
    await send(receiver, 'evt_d2', { fail: 'always' })
    await until('two dead letters', 10_000, async () => (await receiver.deadLetters.list()).length === 2)
    expect(handledOnce(handled, 'evt_d1')).toBe(3) // the three attempts
    const letters = await receiver.deadLetters.list()
    const first = letters.find((letter) => letter.job.event.id === 'evt_d1')
    expect(await receiver.deadLetters.replay([first?.id ?? ''])).toBe(1)
    await until('the replay dead again', 10_000, async () => handledOnce(handled, 'evt_d1') === 6)
    await until(
      'two dead letters again',
      10_000,
      async () => (await receiver.deadLetters.list()).length === 2,
    )
    expect(await receiver.deadLetters.purge()).toBe(2)
    expect(await receiver.deadLetters.list()).toEqual([])
  })

  it("takes over a dead worker's job after reclaimAfter", async () => {
    const prefix = 'cluster-takeover'
    const jobs = `{${prefix}}:jobs`
    const { receiver } = await receiverOn(prefix, {}, false)
    expect((await send(receiver, 'evt_orphan')).status).toBe(202)
    // A worker read the job and died before it ran it: the job is pending for a consumer that never returns.
    await cluster.client.xgroup('CREATE', jobs, 'hookgate', '0', 'MKSTREAM')
    await cluster.client.xreadgroup('GROUP', 'hookgate', 'dead-worker', 'COUNT', 1, 'STREAMS', jobs, '>')
    const started = Date.now()
    const survivor = await receiverOn(prefix, { consumer: 'survivor', reclaimAfter: 1_000 })
    await until('the survivor ran it', 10_000, async () => survivor.handled.length === 1)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000)
    expect(survivor.handled).toEqual(['evt_orphan 1 -'])
  })

  it('loses nothing acknowledged and completes no id twice across SIGKILLs', {
    timeout: 45_000,
  }, async () => {
    const prefix = 'cluster-crash'
    const env = { TEST_PREFIX: prefix, TEST_CONSUMER: 'crash-worker', TEST_REDIS_CLUSTER: ports.join(',') }
    const counts = await crashScenario('cluster crash test', {
      start: () => startWorkerProcess(env),
      handled: () => cluster.client.lrange(handledKey(prefix), 0, -1),
      loadMs: 8_000,
      kills: 3,
    })
    expect(counts.idsAcknowledged).toBeGreaterThan(0)
  })
})

describe('sharded over the cluster (shards: 3)', () => {
  const prefix = 'cluster-shards'
  const shards = shardKeyspaces(prefix, 3)

  it('puts the shards on the three primaries, each id on one, duplicates recognised anywhere', async () => {
    const owners = await Promise.all(
      shards.map((keys) => ownerOf(cluster.client, slotOf(keys.tag.slice(1, -1)))),
    )
    expect(new Set(owners).size).toBe(3)

    const a = await receiverOn(prefix, { shards: 3 }, false)
    const b = await receiverOn(prefix, { shards: 3 }, false)
    const ids = await sendEachTwice(a.receiver, b.receiver, 60)

    for (const id of ids) {
      const key = `${provider.name}:${id}`
      const holders = await Promise.all(shards.map((keys) => cluster.client.exists(keys.claim(key))))
      expect(holders).toEqual(shards.map((_, shard) => (shard === shardOf(key, 3) ? 1 : 0)))
    }
    const lengths = await Promise.all(shards.map((keys) => cluster.client.xlen(keys.jobs)))
    expect(lengths.every((length) => length > 5)).toBe(true) // about 20 each
    expect(lengths.reduce((x, y) => x + y)).toBe(ids.length)
    expect(await redis({ client: cluster.client, prefix, shards: 3 }).queue.pending?.()).toBe(ids.length)

    // One worker consumes every shard; dead letters are listed, replayed and purged across them.
    const worker = await receiverOn(prefix, { shards: 3 })
    await until('every id handled', 10_000, async () => worker.handled.length >= ids.length)
    for (const id of ids) expect(handledOnce(worker.handled, id)).toBe(1)
    for (const n of [0, 1, 2, 3, 4, 5]) await send(a.receiver, `evt_dead_${n}`, { fail: 'always' })
    await until('six dead letters', 10_000, async () => (await a.receiver.deadLetters.list()).length === 6)
    const letters = await a.receiver.deadLetters.list()
    expect(new Set(letters.map((letter) => letter.id.split(':')[0])).size).toBeGreaterThan(1)
    expect(await a.receiver.deadLetters.list({ limit: 2 })).toEqual(letters.slice(0, 2))
    expect(await a.receiver.deadLetters.replay(letters.slice(0, 2).map((letter) => letter.id))).toBe(2)
    await until(
      'the replays dead again',
      10_000,
      async () => (await a.receiver.deadLetters.list()).length === 6,
    )
    expect(await a.receiver.deadLetters.purge()).toBe(6)
    expect(await Promise.all(shards.map((keys) => cluster.client.xlen(keys.dead)))).toEqual([0, 0, 0])
  })
})
