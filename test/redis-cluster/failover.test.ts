import { slotOf } from '@hookgate/redis'
import { expect, it } from 'vitest'
import { ownerOf } from '../../packages/redis/test/clients.js'
import { failoverScenario } from './fixtures/failover.js'
import { fileCluster } from './fixtures/file-cluster.js'
import { addClusterReplica, replicaOf } from './fixtures/topology.js'

// A primary failover under load on a real 3-primary, 3-replica cluster of the file's own (ports
// 7110-7115 and spares on 7116-7117, bus ports 10000 above): the primary of the namespace's slot is
// SIGKILLed while deliveries stream in, while its replica is paused (fixtures/failover.ts). Once without
// durability, once with, each on a namespace of a different shard (slots 2996 and 15319): the second
// failover is not the first one's aftermath.
const basePort = 7110
const cluster = fileCluster(basePort)
let spares = 0

/** The namespace `prefix`'s primary and replica, as servers the test can pause and kill. */
async function placeOf(prefix: string) {
  const primary = await ownerOf(cluster.client, slotOf(prefix))
  const replica = await replicaOf(primary)
  const server = (port: number) => {
    const found = cluster.topology?.servers.find((s) => s.port === port)
    if (!found) throw new Error(`no server on ${port}`)
    return found
  }
  // A fresh node replaces the killed one, as the new primary's replica, on the next free port.
  const spare = basePort + 6 + spares++
  return {
    primary: server(primary),
    replica: server(replica),
    rejoin: async () => {
      if (cluster.topology) await addClusterReplica(cluster.topology, spare, replica)
    },
  }
}

const { connect } = cluster

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
