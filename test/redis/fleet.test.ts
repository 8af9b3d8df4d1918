import { afterAll, expect, it } from 'vitest'
import { connectRedis, redisUrl, wipe } from '../../packages/redis/test/redis.js'
import { type App, handledKey, startApp } from './fixtures/app.js'
import { completions, deliver, type Sent } from './fixtures/signing.js'

// Two receivers and two workers on one Redis, each with its own connection as separate processes would
// have; every id delivered three times, spread over both receivers at once: each id is handled once.
const prefix = 'test-redis-fleet'
const ids = 150
const copies = 3

const apps: App[] = []
afterAll(async () => {
  for (const app of apps) await app.close()
})

it('handles each id once when duplicates arrive at two receivers and two workers share the queue', async () => {
  const redis = await connectRedis()
  await wipe(redis, prefix)
  const receivers = [
    await startApp({ redisUrl, prefix, work: false }),
    await startApp({ redisUrl, prefix, work: false }),
  ]
  const workers = [
    await startApp({ redisUrl, prefix, work: true, consumer: 'worker-a', handlerDelay: 10 }),
    await startApp({ redisUrl, prefix, work: true, consumer: 'worker-b', handlerDelay: 10 }),
  ]
  apps.push(...receivers, ...workers)

  const deliveries = Array.from({ length: ids * copies }, (_, n) => ({
    id: `evt_${n % ids}`,
    port: receivers[Math.floor(Math.random() * receivers.length)]?.port ?? 0,
    tag: `d${n}`,
  }))
  // Thirty in flight at a time, as a busy sender would have.
  const answers: Sent[] = []
  const queue = [...deliveries]
  await Promise.all(
    Array.from({ length: 30 }, async () => {
      for (let d = queue.shift(); d; d = queue.shift()) answers.push(await deliver(d.port, d.id, d.tag))
    }),
  )
  expect(answers.filter((a) => a.status === 202)).toHaveLength(ids)
  expect(answers.filter((a) => a.code === 'duplicate')).toHaveLength(ids * (copies - 1))

  let handled = new Map<string, string[]>()
  const deadline = Date.now() + 15_000
  while (handled.size < ids && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    handled = completions(await redis.lrange(handledKey(prefix), 0, -1))
  }
  expect(handled.size).toBe(ids)
  expect([...handled.values()].filter((tags) => tags.length !== 1)).toEqual([])

  // Both workers took part: the consumer group spread the jobs.
  const workersOf = (await redis.lrange(handledKey(prefix), 0, -1)).map((entry) => entry.split(' ')[2])
  expect(workersOf.filter((w) => w === 'worker-a').length).toBeGreaterThan(0)
  expect(workersOf.filter((w) => w === 'worker-b').length).toBeGreaterThan(0)

  await wipe(redis, prefix)
  redis.disconnect()
})
