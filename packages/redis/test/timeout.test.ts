import { createReceiver, type Outcome } from '@hookgate/core'
import { createRedisClient, redis, safeClientOptions } from '@hookgate/redis'
import { Redis, type RedisOptions } from 'ioredis'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { type OwnRedis, startOwnRedis } from '../../../test/redis/fixtures/redis-server.js'
import { provider } from '../../../test/redis/fixtures/signing.js'
import { redisUrl } from './redis.js'

// One setting decides how long a Redis call may take: redis({ timeout }). The store and the queue declare
// it, the receiver sets no timer of its own around them, and no client commandTimeout may undercut it.
const prefix = 'test-redis-timeout'
/** A client that never connects: these tests only look at what redis() makes of it. */
const lazy = (options: RedisOptions = {}) => new Redis(redisUrl, { lazyConnect: true, ...options })

describe('redis() options', () => {
  it('declares the timeout it enforces on both the store and the queue, as Duration or ms', () => {
    const client = lazy()
    expect(redis({ client }).store.timeout).toBe(1_000)
    expect(redis({ client }).queue.timeout).toBe(1_000)
    const { store, queue } = redis({ client, timeout: '250ms' })
    expect([store.timeout, queue.timeout]).toEqual([250, 250])
    expect(redis({ client, timeout: 400 }).queue.timeout).toBe(400)
  })

  it('checks every option when called, naming the one that is wrong', () => {
    const client = lazy()
    expect(() => redis({ client: undefined as unknown as Redis })).toThrow(
      /^client must be an ioredis client/,
    )
    expect(() => redis({ client, timeout: 'soon' as '1s' })).toThrow(/^timeout must be/)
    expect(() => redis({ client, timeout: 0 })).toThrow(/^timeout must be longer than 0/)
    expect(() => redis({ client, block: '0s' })).toThrow(/^block must be longer than 0/)
    expect(() => redis({ client, reclaimAfter: -1 })).toThrow(/^reclaimAfter must be/)
    expect(() => redis({ client, group: '' })).toThrow(/^group must be a non-empty string/)
    expect(() => redis({ client, consumer: '' })).toThrow(/^consumer must be a non-empty string/)
    expect(() => redis({ client, prefix: '' })).toThrow(/^prefix must be/)
  })

  it('refuses a client whose commandTimeout would fail calls first; safeClientOptions sets none', () => {
    expect(safeClientOptions.commandTimeout).toBeUndefined()
    const short = lazy({ commandTimeout: 500 })
    expect(() => redis({ client: short })).toThrow(
      /^timeout is 1000 ms but the client's commandTimeout is 500 ms/,
    )
    expect(redis({ client: short, timeout: '500ms' }).store.timeout).toBe(500)
    expect(redis({ client: lazy({ commandTimeout: 5_000 }) }).store.timeout).toBe(1_000)
  })
})

describe('a receiver on a hung Redis', () => {
  let own: OwnRedis | undefined
  let client: Redis | undefined
  afterAll(async () => {
    own?.resume()
    client?.disconnect()
    await own?.stop()
  })

  it('answers 503 when the redis timeout runs out: not before (commandTimeout, storeTimeout), not after', {
    timeout: 30_000,
  }, async () => {
    own = await startOwnRedis()
    client = await createRedisClient(own.url)
    // 2.5 s: longer than the receiver's default storeTimeout (2 s), which therefore must not fire.
    const slow = receiverOn(redis({ client, prefix, timeout: '2500ms' }))
    const fast = receiverOn(redis({ client, prefix, timeout: '300ms' }))
    expect((await slow.send('evt_warm')).outcome.status).toBe(202) // loads the scripts first
    own.pause() // SIGSTOP: the connection stays up, nothing answers
    try {
      const [late, early] = await Promise.all([slow.send('evt_slow'), fast.send('evt_fast')])
      expect(early.outcome.code).toBe('store_unavailable')
      expect(early.ms).toBeLessThan(1_000)
      expect(fast.lastWarning()).toMatch(/redis did not answer claimAndEnqueue within 300 ms/)
      expect(late.outcome.code).toBe('store_unavailable')
      expect(late.ms).toBeGreaterThanOrEqual(2_400)
      expect(late.ms).toBeLessThan(3_500)
      expect(slow.lastWarning()).toMatch(/redis did not answer claimAndEnqueue within 2500 ms/)
    } finally {
      own.resume()
    }
  })
})

/** A receiver on `backend` that sends itself signed deliveries and keeps what it warned about. */
function receiverOn(backend: ReturnType<typeof redis>) {
  const warn = vi.fn()
  const receiver = createReceiver({ provider, ...backend, logger: { info() {}, warn, error() {} } })
  receiver.on('*', () => {})
  return {
    async send(id: string): Promise<{ outcome: Outcome; ms: number }> {
      const body = JSON.stringify({ type: 'test.event', data: { id } })
      const signed = await provider.sign({ body, id })
      const started = performance.now()
      const outcome = await receiver.receive({ method: 'POST', headers: signed.headers, body })
      return { outcome, ms: performance.now() - started }
    },
    lastWarning: () => String((warn.mock.lastCall?.[0] as { err?: Error } | undefined)?.err?.message),
  }
}
