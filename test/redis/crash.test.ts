import { expect, it } from 'vitest'
import { connectRedis, wipe } from '../../packages/redis/test/redis.js'
import { handledKey } from './fixtures/app.js'
import { startWorkerProcess } from './fixtures/child.js'
import { crashScenario } from './fixtures/crash.js'

// A receiver + worker process under signed load with duplicates, SIGKILLed five times and restarted
// (fixtures/crash.ts): every id answered 2xx is handled, none for two deliveries.
const prefix = 'test-redis-crash'

it('loses nothing acknowledged and completes no id twice across SIGKILLs', { timeout: 60_000 }, async () => {
  const redis = await connectRedis()
  await wipe(redis, prefix)
  const env = { TEST_PREFIX: prefix, TEST_CONSUMER: 'crash-worker' }
  const counts = await crashScenario('crash test', {
    start: () => startWorkerProcess(env),
    handled: () => redis.lrange(handledKey(prefix), 0, -1),
  })
  expect(counts.idsAcknowledged).toBeGreaterThan(0)
  await wipe(redis, prefix)
  redis.disconnect()
})
