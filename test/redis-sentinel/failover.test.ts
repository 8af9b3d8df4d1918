import { afterAll, beforeAll, expect, it } from 'vitest'
import { connectSentinel } from '../../packages/redis/test/clients.js'
import { failoverScenario } from '../redis-cluster/fixtures/failover.js'
import { startSentinel, type Topology, until } from '../redis-cluster/fixtures/topology.js'

// The failover scenario of the cluster tests (../redis-cluster/fixtures/failover.ts) on Sentinel: a
// primary and its replica, three Sentinels, and ioredis' Sentinel client (`sentinels`, `name`). Two
// topologies, one per scenario: ports 7200-7201 with Sentinels on 7210-7212, and 7220-7221 with 7230-7232.
const name = 'hookgate-test'
const bases = [7200, 7220] as const
let topologies: Topology[] = []

beforeAll(async () => {
  topologies = await Promise.all(bases.map((base) => startSentinel(base, name)))
}, 40_000)
afterAll(async () => {
  for (const topology of topologies) await topology.stop()
})

/** The scenario's target on the topology at `base`: the killed primary comes back as the new one's replica. */
function target(n: 0 | 1) {
  const base = bases[n]
  const [primary, replica] = topologies[n]?.servers ?? []
  if (!primary || !replica) throw new Error('the Sentinel topology did not start')
  return {
    connect: () =>
      connectSentinel(
        [10, 11, 12].map((offset) => base + offset),
        name,
      ),
    prefix: `sentinel-failover-${n}`,
    primary,
    replica,
    // Once the Sentinels promoted the replica: back sooner, the old primary would be seen as never down.
    // Never elected itself (priority 0): on a loaded machine a Sentinel may miss the new primary's PINGs
    // for the 1 s that makes it down, and a second failover would promote this node while its first sync
    // still loads, empty, then make the new primary its replica, wiping what the replica acknowledged.
    rejoin: async () => {
      await until(
        'the replica promoted',
        15_000,
        async () =>
          (await topologies[n]?.cli(base + 1, 'INFO', 'replication'))?.includes('role:master') ?? false,
      )
      await primary.restart(['--replicaof', '127.0.0.1', String(base + 1), '--replica-priority', '0'])
    },
  }
}

it('without durability: 503 until the Sentinels elect a new primary, then recovers by itself', {
  timeout: 90_000,
}, async () => {
  const counts = await failoverScenario('sentinel failover, no durability', target(0))
  expect(counts.answered2xx).toBeGreaterThan(0)
})

it('with durability: { replicas: 1 }: no 2xx the failover could lose, no id handled for two deliveries', {
  timeout: 90_000,
}, async () => {
  const counts = await failoverScenario('sentinel failover, durability: { replicas: 1 }', {
    ...target(1),
    durability: { replicas: 1 },
  })
  expect(counts.answered2xx).toBeGreaterThan(0)
})
