import { createRedisClient } from '@hookgate/redis'
import { afterEach, expect, it } from 'vitest'
import { waitConnections } from '../src/wait-connections.js'
import { redisUrl } from './redis.js'

// The `durability` connections are opened by the first deliveries, often many at once (a burst after a
// deploy): they must wait on one connection attempt each, not each add listeners to it, and take turns.
const warnings: Error[] = []
const onWarning = (warning: Error) => warnings.push(warning)
afterEach(() => {
  process.off('warning', onWarning)
})

it('many first calls while they connect share one wait each: no listener pile-up, the connections in turn', async () => {
  const client = await createRedisClient(redisUrl)
  process.on('warning', onWarning)
  try {
    const connection = waitConnections(client, 4)
    const connections = await Promise.all(Array.from({ length: 64 }, () => connection()))
    await new Promise((resolve) => setTimeout(resolve, 10)) // warnings are emitted on a later tick
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([])
    const distinct = [...new Set(connections)]
    expect(distinct).toHaveLength(4)
    expect(distinct.every((own) => own !== client && own.status === 'ready')).toBe(true)
    expect(connections.slice(0, 8)).toEqual([...distinct, ...distinct])
    // One listener on the user's client however many connections: several receivers may share it.
    expect(client.listenerCount('end')).toBe(1)
  } finally {
    client.disconnect()
  }
})

it("closes every connection when the user's client ends", async () => {
  const client = await createRedisClient(redisUrl)
  const connection = waitConnections(client, 2)
  const [a, b] = [await connection(), await connection()]
  const ended = Promise.all([a, b].map((own) => new Promise((resolve) => own.once('end', resolve))))
  client.disconnect()
  await ended
  expect([a.status, b.status]).toEqual(['end', 'end'])
})
