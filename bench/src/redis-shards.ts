/**
 * Throughput of the claim path (`receive()` on `redis({ client: cluster })`: verify, claim and enqueue, one
 * script per delivery) on a local 3-primary, 3-replica cluster, with 1 shard (every claim on one primary)
 * and with `shards: 3` (on all three), reported as a ratio. Bounded: 3 s per run, loopback ports 7150-7155.
 * No worker runs: each run has a namespace of its own, so no run starts behind an earlier one's backlog
 * (`maxPending`).
 *
 *   pnpm --filter @hookgate/bench redis-shards
 */
import { createReceiver, standardWebhooks } from '@hookgate/core'
import { redis } from '@hookgate/redis'
import { connectCluster } from '../../packages/redis/test/clients.js'
import { startCluster } from '../../test/redis-cluster/fixtures/topology.js'
import { secrets } from './secrets.js'

const basePort = 7150
const ports = Array.from({ length: 6 }, (_, i) => basePort + i)
const runMs = 3_000
const inFlight = 64

const provider = standardWebhooks({ secret: secrets.standardWebhooks })
const topology = await startCluster(basePort)
try {
  const rates: Record<string, number> = {}
  for (const [run, shards] of [1, 3, 1, 3].entries()) {
    const client = await connectCluster(ports)
    const receiver = createReceiver({
      provider,
      ...redis({ client, prefix: `bench-${run}-${shards}`, shards }),
    })
    receiver.on('*', () => {}, { id: 'bench' })
    let n = 0
    const stopAt = performance.now() + runMs
    const started = performance.now()
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (performance.now() < stopAt) {
          const id = `evt_${run}_${n++}`
          const body = JSON.stringify({ type: 'invoice.paid', data: { id } })
          const signed = await provider.sign({ body, id })
          const outcome = await receiver.receive({ method: 'POST', headers: signed.headers, body })
          if (outcome.status !== 202) throw new Error(`${id}: ${outcome.status} ${String(outcome.body)}`)
        }
      }),
    )
    const rate = n / ((performance.now() - started) / 1000)
    // The better of two runs each: the first pays for connections and script loading.
    rates[`shards ${shards}`] = Math.max(rates[`shards ${shards}`] ?? 0, rate)
    await receiver.close()
    client.disconnect()
  }
  const one = rates['shards 1'] ?? 0
  const three = rates['shards 3'] ?? 0
  console.log(
    JSON.stringify({
      deliveriesPerSecond: rates,
      ratio3to1: Number((three / one).toFixed(2)),
      runMs,
      inFlight,
    }),
  )
} finally {
  await topology.stop()
}
