import { createServer } from 'node:net'
import { createReceiver, StoreUnavailableError, stripe } from '@hookgate/core'
import { ConsumerFailedError, redis, UnexpectedReplyError } from '@hookgate/redis'
import { Redis } from 'ioredis'
import { describe, expect, it, vi } from 'vitest'
import { sleep } from './jobs.js'
import { useRedis } from './redis.js'

// A worker that cannot read its stream stops with a typed error; one that cannot reach Redis carries on.
const prefix = 'test-redis-consumer-failure'
let client: Redis
useRedis(prefix, (connected) => {
  client = connected
})

/** Starts a worker; resolves to how it ended (or `running` after `ms`), and what reached onError. */
async function runFor(queueClient: Redis, ms: number) {
  const errors: unknown[] = []
  const controller = new AbortController()
  const queue = redis({ client: queueClient, prefix, block: 50, onError: (e) => errors.push(e) }).queue
  const consuming = queue.consume(async () => ({ status: 'done' }), {
    concurrency: 2,
    signal: controller.signal,
  })
  const ended = await Promise.race([
    consuming.then(
      () => ({ resolved: true as const }),
      (error: unknown) => ({ error }),
    ),
    sleep(ms).then(() => 'running' as const),
  ])
  controller.abort()
  await consuming.catch(() => {})
  return { ended, errors }
}

describe('the redis queue: consume failures', () => {
  it('stops with ConsumerFailedError when Redis refuses its stream for good (a key of another type)', async () => {
    await client.set(`{${prefix}}:jobs`, 'not a stream')
    const { ended, errors } = await runFor(client, 3_000)
    if (ended === 'running' || !('error' in ended)) throw new Error(`the worker did not stop: ${ended}`)
    expect(ended.error).toBeInstanceOf(ConsumerFailedError)
    const cause = (ended.error as Error).cause
    expect(cause).toBeInstanceOf(StoreUnavailableError)
    expect(String((cause as Error).message)).toContain('WRONGTYPE')
    expect(errors).toEqual([]) // reported once, by the rejection
  })

  it('stops with ConsumerFailedError on a stream read it cannot read, instead of looping on it', async () => {
    const odd = client.duplicate()
    const duplicate = odd.duplicate.bind(odd)
    // A reader whose client answers XREADGROUP in a shape no ioredis release gives today.
    odd.duplicate = (options) => {
      const reader = duplicate(options)
      reader.callBuffer = (async () => ({ streams: 1, shape: 'new' })) as unknown as Redis['callBuffer']
      return reader
    }
    try {
      const { ended } = await runFor(odd, 3_000)
      if (ended === 'running' || !('error' in ended)) throw new Error(`the worker did not stop: ${ended}`)
      expect(ended.error).toBeInstanceOf(ConsumerFailedError)
      expect((ended.error as Error).cause).toBeInstanceOf(UnexpectedReplyError)
      expect((ended.error as Error).message).toMatch(/unexpected reply to XREADGROUP/)
    } finally {
      odd.disconnect()
    }
  })

  it('carries on, reporting to onError, while Redis cannot be reached', async () => {
    const closed = createServer()
    const port = await new Promise<number>((resolve) =>
      closed.listen(0, '127.0.0.1', () => resolve((closed.address() as { port: number }).port)),
    )
    await new Promise((resolve) => closed.close(resolve))
    const down = new Redis({ port, host: '127.0.0.1', enableOfflineQueue: false, lazyConnect: true })
    down.on('error', () => {})
    try {
      const { ended, errors } = await runFor(down, 1_500)
      expect(ended).toBe('running')
      expect(errors.length).toBeGreaterThanOrEqual(2) // every turn, half a second apart
      for (const error of errors) expect(error).toBeInstanceOf(StoreUnavailableError)
    } finally {
      down.disconnect()
    }
  })
})

describe('a receiver whose Redis worker stopped', () => {
  it("rejects the worker's done, tells onWorkerFailed and the logger, and reports it in health()", async () => {
    await client.set(`{${prefix}}:jobs`, 'not a stream')
    const logger = { info() {}, warn() {}, error: vi.fn() }
    const onWorkerFailed = vi.fn()
    const receiver = createReceiver({
      provider: stripe({ secret: 'whsec_test' }),
      ...redis({ client, prefix, block: 50, onError: () => {} }),
      logger,
      hooks: { onWorkerFailed },
    })
    const worker = receiver.work()
    await expect(worker.done).rejects.toBeInstanceOf(ConsumerFailedError)
    expect(receiver.health()).toMatchObject({ ok: false, worker: 'failed' })
    expect(onWorkerFailed).toHaveBeenCalledTimes(1)
    expect(logger.error).toHaveBeenCalledTimes(1)
    await receiver.close()
  })
})
