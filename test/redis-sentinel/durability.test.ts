import { afterAll, beforeAll, expect, it } from 'vitest'
import { connectSentinel } from '../../packages/redis/test/clients.js'
import { receiverOn, send } from '../redis-cluster/fixtures/receivers.js'
import { startSentinel, type Topology, until } from '../redis-cluster/fixtures/topology.js'

// `WAIT` holds the connection it is sent on, so deliveries waiting on one connection wait one after
// another. With a lagging replica (paused) each waits its full `durability.timeout`: on one connection
// the fourth of four concurrent deliveries waits for three before it, on four they all wait at once.
// A topology of its own: a primary on 7240, its replica on 7241, Sentinels on 7250-7252.
const base = 7240
const name = 'hookgate-durability'
let topology: Topology | undefined

beforeAll(async () => {
  topology = await startSentinel(base, name)
}, 40_000)
afterAll(async () => {
  await topology?.stop()
})

const connect = () =>
  connectSentinel(
    [10, 11, 12].map((offset) => base + offset),
    name,
  )

/** The slowest of `n` concurrent deliveries' answers, in ms, while the replica is paused. */
async function slowestWhileLagging(connections: number, n: number) {
  const replica = topology?.servers[1]
  if (!replica) throw new Error('the Sentinel topology did not start')
  const app = await receiverOn(
    connect,
    `durability-${connections}`,
    { durability: { replicas: 1, timeout: '300ms', connections } },
    false,
  )
  try {
    // Healthy first: every connection opened (and its scripts loaded), each delivery accepted. Sent again
    // until then, as a sender would: on a loaded machine a connection's first use (Sentinel lookup, role
    // check, script load) may outlast the call's timeout, and a 503 releases its claim.
    await until('every delivery accepted with the replica in sync', 10_000, async () => {
      const warm = await Promise.all(Array.from({ length: 2 * n }, (_, i) => send(app.receiver, `warm_${i}`)))
      const refused = warm.filter((answer) => answer.status >= 300)
      if (refused.length > 0)
        throw new Error(`refused: ${refused.map((a) => `${a.status} ${a.code}`).join(', ')}`)
      return true
    })
    replica.pause()
    try {
      const answers = await Promise.all(
        Array.from({ length: n }, async (_, i) => {
          const started = Date.now()
          const answer = await send(app.receiver, `lagging_${i}`)
          return { ...answer, ms: Date.now() - started }
        }),
      )
      // Never a 2xx the replica lacks.
      expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 503))
      return Math.max(...answers.map((answer) => answer.ms))
    } finally {
      replica.resume()
    }
  } finally {
    await app.close()
  }
}

it('deliveries wait for the replicas in parallel, one per connection, not one after another', {
  timeout: 30_000,
}, async () => {
  // Four connections: all four wait their 300 ms at once.
  expect(await slowestWhileLagging(4, 4)).toBeLessThan(700)
  // The control, one connection: the fourth waits behind three (900 ms), and `timeout` (1 s) cuts it.
  expect(await slowestWhileLagging(1, 4)).toBeGreaterThanOrEqual(850)
})
