import { safeClientOptions, safeClusterOptions } from '@hookgate/redis'
import { Cluster, Redis } from 'ioredis'

export type { Cluster }

/**
 * Clients on the topologies the cluster and Sentinel tests start (test/redis-cluster/fixtures/topology.ts).
 * Here, next to the package's own tests, because ioredis resolves from this package.
 */

/** Resolves once `client` is ready, failing after 10 s. */
async function ready<T extends Redis | Cluster>(client: T, what: string): Promise<T> {
  client.on('error', () => {}) // outages are the point of these tests; calls report them
  const deadline = Date.now() + 10_000
  while (client.status !== 'ready') {
    if (Date.now() > deadline) {
      client.disconnect()
      throw new Error(`${what} was not ready within 10 s (status ${client.status})`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return client
}

const loopback = (ports: readonly number[]) => ports.map((port) => ({ host: '127.0.0.1', port }))

/** A `Cluster` on `safeClusterOptions`, from the nodes on `ports`. */
export const connectCluster = (ports: readonly number[]) =>
  ready(new Cluster(loopback(ports), safeClusterOptions), `the cluster on ${ports.join(',')}`)

/** A `Redis` on the primary the Sentinels on `ports` name `name`, on `safeClientOptions`. */
export const connectSentinel = (ports: readonly number[], name: string) =>
  ready(
    new Redis({ ...safeClientOptions, sentinels: loopback(ports), name }),
    `the primary of ${name} (Sentinels on ${ports.join(',')})`,
  )

/** The port of the primary that serves `slot`, as the cluster itself says (`CLUSTER SLOTS`). */
export async function ownerOf(client: Cluster, slot: number): Promise<number> {
  const [, , [, port] = []] =
    (await client.cluster('SLOTS')).find(([from, to]) => from <= slot && slot <= to) ?? []
  if (port === undefined) throw new Error(`no primary serves slot ${slot}`)
  return port
}
