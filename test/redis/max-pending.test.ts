import { createReceiver, type HandoffQueue, type Receiver } from '@hookgate/core'
import { redis, shardKeyspaces, shardOf } from '@hookgate/redis'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type connectRedis, useRedis, wipe } from '../../packages/redis/test/redis.js'
import { until } from '../redis-cluster/fixtures/topology.js'
import { provider } from './fixtures/signing.js'

// `maxPending` at the receiver, on Redis, with no worker running until the test starts one: the claim
// script checks the jobs stream's length in the claim's round trip, past it the answer is 503 `queue_full`
// with Retry-After and nothing is claimed; with `shards`, each shard's stream holds its share.
const prefix = 'test-redis-max-pending'
const sharded = shardKeyspaces(`${prefix}-shards`, 3)
let client: Awaited<ReturnType<typeof connectRedis>>
useRedis(prefix, (connected) => {
  client = connected
})
// useRedis empties `{prefix}` only; the shards' tags are `{prefix-shards:n}`.
const wipeShards = () => Promise.all(sharded.map((keys) => wipe(client, keys.tag.slice(1, -1))))
beforeEach(wipeShards)
afterAll(wipeShards)

let receiver: Receiver
let queue: HandoffQueue
const handled: string[] = []
afterEach(() => receiver.close({ timeout: '2s' }))

/** A receiver with no worker yet (`drain` starts one), its handler recording each id it runs. */
function receiverOn(namespace: string, maxPending: number, shards = 1): void {
  handled.length = 0
  const backend = redis({ client, prefix: namespace, shards, block: '100ms', onError: () => {} })
  queue = backend.queue
  receiver = createReceiver({
    provider,
    ...backend,
    maxPending,
    logger: { info() {}, warn() {}, error() {} },
  })
  receiver.on('*', (event) => {
    handled.push(event.id ?? '')
  })
}

/** One signed delivery of `id`, answered as its sender sees it. */
async function answer(id: string) {
  const body = JSON.stringify({ type: 'test.event', data: { id } })
  const { headers } = await provider.sign({ body, id })
  const outcome = await receiver.receive({ method: 'POST', headers, body })
  return { status: outcome.status, code: outcome.code, retryAfter: outcome.headers['retry-after'] }
}

const accepted = { status: 202, code: 'accepted', retryAfter: undefined }
const full = { status: 503, code: 'queue_full', retryAfter: '5' }

/** `count` ids whose dedup key lives on `shard` of 3. */
function idsOn(shard: number, count: number): string[] {
  const ids: string[] = []
  for (let n = 0; ids.length < count; n++)
    if (shardOf(`${provider.name}:evt_${n}`, 3) === shard) ids.push(`evt_${n}`)
  return ids
}

/** The answers to `ids`, sent one after another. */
async function sequentially(ids: readonly string[]) {
  const answers = []
  for (const id of ids) answers.push(await answer(id))
  return answers
}

/** Starts the worker and waits until it handled `count` jobs and acknowledged them (deleted, so not pending). */
async function drain(count: number): Promise<void> {
  receiver.work()
  await until(`${count} jobs handled`, 10_000, async () => handled.length === count)
  await until('no job pending', 10_000, async () => (await queue.pending?.()) === 0)
}

describe('maxPending on Redis', () => {
  it('accepts maxPending, refuses the next 503 queue_full with Retry-After, accepts again once drained', async () => {
    receiverOn(prefix, 3)
    for (const id of ['evt_0', 'evt_1', 'evt_2']) expect(await answer(id)).toEqual(accepted)
    expect(await answer('evt_3')).toEqual(full)
    expect(await client.xlen(`{${prefix}}:jobs`)).toBe(3)
    // Nothing claimed: the sender's retry is a new delivery, not a duplicate of a dropped one.
    expect(await client.exists(`{${prefix}}:claim:${provider.name}:evt_3`)).toBe(0)
    // The script checks the stream's length before it looks at the claim, so a duplicate of an accepted id
    // is refused too while the stream is full (nothing is lost: its retry is answered as a duplicate).
    expect(await answer('evt_0')).toEqual(full)

    await drain(3)
    expect(await answer('evt_3')).toEqual(accepted)
    expect(await answer('evt_0')).toEqual({ status: 200, code: 'duplicate' })
    await until('the retried delivery handled', 10_000, async () => handled.includes('evt_3'))
    expect(handled.sort()).toEqual(['evt_0', 'evt_1', 'evt_2', 'evt_3'])
  })

  it('with shards: 3, holds ceil(maxPending / 3) on each shard stream, refusing on a full shard only', async () => {
    const maxPending = 7
    const share = Math.ceil(maxPending / 3) // 3 per shard stream: the namespace holds up to 9
    receiverOn(`${prefix}-shards`, maxPending, 3)
    const perShard = [0, 1, 2].map((shard) => idsOn(shard, share + 1))
    const fills = [...Array(share).fill(accepted), full]

    // Shard 0 is full at its share while the namespace holds fewer than maxPending; the others still accept.
    expect(await sequentially(perShard[0] ?? [])).toEqual(fills)
    expect(await queue.pending?.()).toBe(share)
    for (const ids of perShard.slice(1)) expect(await sequentially(ids)).toEqual(fills)
    expect(await Promise.all(sharded.map((keys) => client.xlen(keys.jobs)))).toEqual([share, share, share])

    await drain(3 * share)
    const refused = perShard.map((ids) => ids.at(-1) ?? '')
    expect(await sequentially(refused)).toEqual([accepted, accepted, accepted])
  })
})
