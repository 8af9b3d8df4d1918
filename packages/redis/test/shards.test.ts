import { redis, shardKeyspaces, shardOf, slotOf } from '@hookgate/redis'
import { describe, expect, it } from 'vitest'
import { connectRedis } from './redis.js'

describe('shards', () => {
  it('computes Redis Cluster slots (CRC16) and spreads the shard tags over the slot space', () => {
    // What CLUSTER KEYSLOT answers for these (checked against a cluster in test/redis-cluster).
    expect([slotOf('hookgate'), slotOf('a'), slotOf('foo:1')]).toEqual([6547, 15495, 8723])
    expect(shardKeyspaces('hookgate', 1).map((keys) => keys.tag)).toEqual(['{hookgate}'])
    const tags = shardKeyspaces('hookgate', 3).map((keys) => keys.tag)
    expect(tags).toEqual(['{hookgate:0}', '{hookgate:1}', '{hookgate:2}'])
    const eight = shardKeyspaces('hookgate', 8).map((keys) => slotOf(keys.tag.slice(1, -1)))
    expect(eight.map((slot) => Math.floor((slot * 8) / 16_384))).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
  })

  it('hashes a dedup key to a stable shard, evenly', () => {
    expect([shardOf('stripe:evt_1', 3), shardOf('stripe:evt_2', 3), shardOf('stripe:evt_1', 1)]).toEqual([
      shardOf('stripe:evt_1', 3),
      shardOf('stripe:evt_2', 3),
      0,
    ])
    // FNV-1a, 32-bit (its published test vectors): every receiver of every release agrees.
    expect([shardOf('a', 2 ** 32), shardOf('foobar', 2 ** 32)]).toEqual([0xe40c292c, 0xbf9cf968])
    const counts = [0, 0, 0]
    for (let n = 0; n < 30_000; n++) counts[shardOf(`stripe:evt_${n}`, 3)]! += 1
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(300)
  })

  it('checks shards and durability, naming the option', async () => {
    const client = await connectRedis()
    try {
      expect(() => redis({ client, shards: 0 })).toThrow(/shards must be an integer from 1 to 256/)
      expect(() => redis({ client, shards: 1.5 })).toThrow(/shards/)
      expect(() => redis({ client, durability: { replicas: 0 } })).toThrow(/durability.replicas/)
      expect(() => redis({ client, durability: { replicas: 1, timeout: '1s' } })).toThrow(
        /durability.timeout \(1000 ms\) must be shorter than timeout \(1000 ms\)/,
      )
      for (const connections of [0, 1.5, 65]) {
        expect(() => redis({ client, durability: { replicas: 1, connections } })).toThrow(
          /durability.connections must be an integer from 1 to 64/,
        )
      }
    } finally {
      client.disconnect()
    }
  })
})
