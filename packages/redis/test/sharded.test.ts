import { redis, shardKeyspaces, shardOf } from '@hookgate/redis'
import type { Redis } from 'ioredis'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { claim, job, limits, sleep, work } from './jobs.js'
import { connectRedis, wipe } from './redis.js'

// Shards are hash tags: on one Redis they are just separate keys, so the sharded queue's own logic (what it
// asks every shard, how it combines the answers) is tested here; test/redis-cluster spreads them over primaries.
const prefix = 'test-redis-sharded'
const shards = shardKeyspaces(prefix, 3)
let client: Redis
const wipeShards = () => Promise.all(shards.map((keys) => wipe(client, keys.tag.slice(1, -1))))
beforeAll(async () => {
  client = await connectRedis()
})
beforeEach(wipeShards)
afterAll(async () => {
  await wipeShards()
  client.disconnect()
})

/** The first id, from `n` up, whose dedup key (`test:<id>`) lands on `shard` of 3. */
function idOn(shard: number, n = 0): string {
  while (shardOf(`test:evt_${n}`, 3) !== shard) n++
  return `evt_${n}`
}

/** When the first entry of a stream was added, on Redis's clock: its id's time. */
async function firstAddedAt(stream: string): Promise<number> {
  const [[id = ''] = []] = await client.xrange(stream, '-', '+', 'COUNT', 1)
  return Number(id.split('-')[0])
}

describe('the sharded queue (shards: 3, on one Redis)', () => {
  it('answers the oldest waiting job across its shards, and counts the pending jobs of all', async () => {
    const queue = redis({ client, prefix, shards: 3, block: 100 }).queue
    expect(await queue.oldestWaiting?.()).toBeUndefined()
    // Shard 2 first, shard 1 last: the oldest is neither on the first shard asked nor on the last.
    for (const shard of [2, 0, 1]) {
      const id = idOn(shard)
      expect((await queue.claimAndEnqueue?.(`test:${id}`, claim, job(id), limits))?.status).toBe('claimed')
      await sleep(5)
    }
    const [first, second] = [await firstAddedAt(shards[2]!.jobs), await firstAddedAt(shards[0]!.jobs)]
    expect(second).toBeGreaterThan(first)
    expect(await queue.oldestWaiting?.()).toBe(first)
    expect(await queue.pending?.()).toBe(3)

    // A worker read shard 2's job (and died holding it): no longer waiting, so the next oldest is shard 0's.
    await client.xgroup('CREATE', shards[2]!.jobs, 'hookgate', '0', 'MKSTREAM')
    await client.xreadgroup('GROUP', 'hookgate', 'dead-worker', 'COUNT', 1, 'STREAMS', shards[2]!.jobs, '>')
    expect(await queue.oldestWaiting?.()).toBe(second)

    const seen = await work(
      queue,
      () => ({ status: 'done' }),
      (all) => all.length === 2,
    )
    expect(seen.map((one) => one.event.id).sort()).toEqual([idOn(0), idOn(1)].sort())
    expect(await queue.oldestWaiting?.()).toBeUndefined()
  })

  it("runs an idle shard's job at once when the other shards' reads hold every slot", async () => {
    // concurrency 4 over 3 shards: 2 slots a read, so two idle loops' blocking reads hold all 4, and hand
    // them back (empty) every `block`. The third loop must get them then, not the loop that just gave them.
    const queue = redis({ client, prefix, shards: 3, block: 100 }).queue
    const worker = work(
      queue,
      () => ({ status: 'done' }),
      (all) => all.length === 1,
      { concurrency: 4 },
    )
    await sleep(300)
    const id = idOn(2)
    const enqueued = Date.now()
    await queue.claimAndEnqueue?.(`test:${id}`, claim, job(id), limits)
    expect((await worker).map((one) => one.event.id)).toEqual([id])
    expect(Date.now() - enqueued).toBeLessThan(2_000)
  })
})
