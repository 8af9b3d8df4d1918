import { createRedisClient } from '@hookgate/redis'
import { afterEach, expect, it } from 'vitest'
import { lazyDuplicate } from '../src/client.js'
import { redisUrl } from './redis.js'

// The `durability` connection is opened by the first deliveries, often many at once (a burst after a
// deploy): they must wait on one connection attempt, not each add its listeners to it.
const warnings: Error[] = []
const onWarning = (warning: Error) => warnings.push(warning)
afterEach(() => {
  process.off('warning', onWarning)
})

it('many first calls while it connects share one wait: one connection, no listener pile-up', async () => {
  const client = await createRedisClient(redisUrl)
  process.on('warning', onWarning)
  try {
    const connection = lazyDuplicate(client)
    const connections = await Promise.all(Array.from({ length: 64 }, () => connection()))
    await new Promise((resolve) => setTimeout(resolve, 10)) // warnings are emitted on a later tick
    expect(new Set(connections).size).toBe(1)
    expect(connections[0]?.status).toBe('ready')
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([])
    // Ready: later calls wait for nothing.
    expect(await connection()).toBe(connections[0])
  } finally {
    client.disconnect()
  }
})
