import { slotOf } from '@hookgate/redis'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Cluster, connectCluster, ownerOf } from '../../packages/redis/test/clients.js'
import { failoverScenario } from './fixtures/failover.js'
import { addClusterReplica, replicaOf, startCluster, type Topology } from './fixtures/topology.js'

// A primary failover under load on a real 3-primary, 3-replica cluster of the file's own (ports
// 7110-7115 and spares on 7116-7117, bus ports 10000 above): the primary of the namespace's slot is
// SIGKILLed while deliveries stream in, while its replica is paused (fixtures/failover.ts). Once without
// durability, once with, each on a namespace of a different shard (slots 2996 and 15319): the second
// failover is not the first one's aftermath.
const basePort = 7110
const ports = Array.from({ length: 6 }, (_, i) => basePort + i)
let topology: Topology | undefined
let client: Cluster
let spares = 0

beforeAll(async () => {
  topology = await startCluster(basePort)
  client = await connectCluster(ports)
}, 30_000)
afterAll(async () => {
  client?.disconnect()
  await topology?.stop()
})

/** The namespace `prefix`'s primary and replica, as servers the test can pause and kill. */
async function placeOf(prefix: string) {
  const primary = await ownerOf(client, slotOf(prefix))
  const replica = await replicaOf(primary)
  const server = (port: number) => {
    const found = topology?.servers.find((s) => s.port === port)
    if (!found) throw new Error(`no server on ${port}`)
    return found
  }
  // A fresh node replaces the killed one, as the new primary's replica, on the next free port.
  const spare = basePort + 6 + spares++
  return {
    primary: server(primary),
    replica: server(replica),
    rejoin: async () => {
      if (topology) await addClusterReplica(topology, spare, replica)
    },
  }
}

const connect = () => connectCluster(ports)

it('without durability: 503 while no primary serves, then recovers by itself; what it lost is counted', {
  timeout: 90_000,
}, async () => {
  const prefix = 'failover-a'
  const counts = await failoverScenario('cluster failover, no durability', {
    connect,
    prefix,
    ...(await placeOf(prefix)),
  })
  expect(counts.answered2xx).toBeGreaterThan(0)
})

it('with durability: { replicas: 1 }: no 2xx the failover could lose, no id handled for two deliveries', {
  timeout: 90_000,
}, async () => {
  const prefix = 'failover-b'
  const counts = await failoverScenario('cluster failover, durability: { replicas: 1 }', {
    connect,
    prefix,
    durability: { replicas: 1 },
    ...(await placeOf(prefix)),
  })
  expect(counts.answered2xx).toBeGreaterThan(0)
})
