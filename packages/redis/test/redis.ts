import { Redis } from 'ioredis'
import { afterAll, beforeAll, beforeEach } from 'vitest'

/** The Redis every test runs against. Never mocked: a missing Redis fails the tests loudly. */
export const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

/** A connected client; throws (failing the test file) when Redis does not answer. */
export async function connectRedis(): Promise<Redis> {
  const client = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2_000 })
  try {
    await client.connect()
    await client.ping()
  } catch (error) {
    client.disconnect()
    throw new Error(
      `Redis does not answer on ${redisUrl} (run bash .ci/redis.sh): ${(error as Error).message}`,
    )
  }
  return client
}

/** Deletes every key of a namespace, so each test starts empty and leaves nothing behind. */
export async function wipe(client: Redis, prefix: string): Promise<void> {
  const keys: string[] = []
  let cursor = '0'
  do {
    const [next, batch] = await client.scan(cursor, 'MATCH', `{${prefix}}:*`, 'COUNT', 1000)
    cursor = next
    keys.push(...batch)
  } while (cursor !== '0')
  if (keys.length > 0) await client.unlink(...keys)
}

/**
 * A test file's Redis: connects before its tests (handing the client to `use`), empties the `prefix`
 * namespace before each test and after the last, then disconnects.
 */
export function useRedis(prefix: string, use: (client: Redis) => void): void {
  let client: Redis
  beforeAll(async () => {
    client = await connectRedis()
    use(client)
  })
  beforeEach(() => wipe(client, prefix))
  afterAll(async () => {
    await wipe(client, prefix)
    client.disconnect()
  })
}
