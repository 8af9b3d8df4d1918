import { checkedPrefix, type Keyspace, taggedKeyspace } from './keys.js'
import { redisDefaults } from './options.js'

/** Redis Cluster's slot count: a key's slot is CRC16 of its hash tag, modulo this. */
const slots = 16_384
const maxShards = 256

/**
 * Every shard's keys, shard 0 first. One shard is the namespace as it always was, under `{prefix}`. With
 * N, shard i is `{prefix:s}` for the smallest `s` (0, 1, 2, ... not taken by an earlier shard) whose slot
 * lies in the i-th Nth of the slot space: a cluster whose primaries own equal runs of slots (as
 * `redis-cli --cluster create` lays them out) gets the shards spread evenly over its primaries, which
 * arbitrary tags would not (three tags land on three primaries of three only 2 times in 9).
 */
export function shardKeyspaces(
  prefix: string = redisDefaults.prefix,
  shards: number = redisDefaults.shards,
): Keyspace[] {
  checkedPrefix(prefix)
  if (!Number.isInteger(shards) || shards < 1 || shards > maxShards) {
    throw new TypeError(`shards must be an integer from 1 to ${maxShards}, got ${String(shards)}`)
  }
  if (shards === 1) return [taggedKeyspace(prefix)]
  const taken = new Set<number>()
  return Array.from({ length: shards }, (_, shard) => {
    const [from, to] = [Math.floor((shard * slots) / shards), Math.floor(((shard + 1) * slots) / shards)]
    for (let suffix = 0; ; suffix++) {
      if (taken.has(suffix)) continue
      const slot = slotOf(`${prefix}:${suffix}`)
      if (slot >= from && slot < to) {
        taken.add(suffix)
        return taggedKeyspace(`${prefix}:${suffix}`)
      }
    }
  })
}

/**
 * The shard a dedup key lives on: 32-bit FNV-1a of its UTF-8 bytes, modulo `shards`. Stable across
 * processes, releases and runtimes (it must be: every receiver has to find a duplicate's claim), and cheap
 * (a multiply and a xor per byte), which a cryptographic hash is not.
 */
export function shardOf(key: string, shards: number): number {
  if (shards === 1) return 0
  let hash = 0x811c9dc5
  for (const byte of Buffer.from(key)) hash = Math.imul(hash ^ byte, 0x01000193)
  return (hash >>> 0) % shards
}

/** The Redis Cluster slot of a hash tag's content: CRC16-CCITT (XMODEM) of its UTF-8 bytes, mod 16384. */
export function slotOf(tagContent: string): number {
  let crc = 0
  for (const byte of Buffer.from(tagContent)) {
    crc ^= byte << 8
    for (let bit = 0; bit < 8; bit++)
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff
  }
  return crc % slots
}
