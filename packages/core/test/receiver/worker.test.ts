import { type HandoffQueue, memoryQueue } from '@hookgate/core'
import { describe, expect, it, vi } from 'vitest'
import { deliver, freshId, quiet, receiverFor, until } from './helpers.js'

/** A durable queue whose consumer runs jobs from a memory queue until `fail` rejects the running one. */
function failingQueue() {
  const inner = memoryQueue()
  let reject: (error: Error) => void = () => {}
  let consumed = 0
  const queue: HandoffQueue = {
    durable: true,
    enqueue: (job) => inner.enqueue(job),
    consume: async (attempt, { concurrency, signal }) => {
      consumed++
      // Like the Redis queue: a failing consumer stops taking jobs, lets running ones settle, then rejects.
      const stop = new AbortController()
      signal.addEventListener('abort', () => stop.abort(), { once: true })
      const failure = new Promise<never>((_, fail) => {
        reject = (error) => {
          fail(error)
          stop.abort()
        }
      })
      const running = inner.consume(attempt, { concurrency, signal: stop.signal })
      try {
        await Promise.race([running, failure])
      } finally {
        await running
      }
    },
    listDeadLetters: (options) => inner.listDeadLetters(options),
    replayDeadLetters: (ids) => inner.replayDeadLetters(ids),
    purgeDeadLetters: (ids) => inner.purgeDeadLetters(ids),
  }
  return { queue, fail: (error: Error) => reject(error), consumed: () => consumed }
}

describe('a worker whose queue consumer fails', () => {
  it('rejects done, logs, calls onWorkerFailed, and shows in health() until work() starts again', async () => {
    const { queue, fail, consumed } = failingQueue()
    const logger = { ...quiet, error: vi.fn() }
    const onWorkerFailed = vi.fn()
    const receiver = receiverFor('stripe', { queue, logger, hooks: { onWorkerFailed } })
    expect(receiver.health()).toEqual({ ok: true, worker: 'idle' })
    const worker = receiver.work()
    expect(receiver.health()).toEqual({ ok: true, worker: 'running' })

    const broken = new TypeError('a reply it cannot read')
    fail(broken)
    await expect(worker.done).rejects.toBe(broken)
    expect(receiver.health()).toEqual({ ok: false, worker: 'failed', error: broken })
    expect(onWorkerFailed).toHaveBeenCalledWith({ error: broken })
    expect(logger.error).toHaveBeenCalledWith({ err: broken }, expect.stringMatching(/consumer failed/))

    // work() again starts a new worker, which runs handlers.
    const handler = vi.fn()
    receiver.on('invoice.paid', handler)
    const again = receiver.work()
    expect(again.done).not.toBe(worker.done)
    expect(consumed()).toBe(2)
    expect(receiver.health()).toEqual({ ok: true, worker: 'running' })
    await deliver(receiver, 'stripe', { id: freshId(), type: 'invoice.paid' })
    await until(() => expect(handler).toHaveBeenCalledTimes(1))
    await receiver.close()
    expect(receiver.health()).toEqual({ ok: true, worker: 'stopped' })
  })

  it('resolves done when stopped, even if the consumer rejects while it stops', async () => {
    const { queue, fail } = failingQueue()
    const onWorkerFailed = vi.fn()
    const receiver = receiverFor('stripe', { queue, hooks: { onWorkerFailed } })
    const worker = receiver.work()
    const stopping = worker.stop()
    fail(new Error('torn down'))
    await stopping
    await expect(worker.done).resolves.toBeUndefined()
    expect(onWorkerFailed).not.toHaveBeenCalled()
    expect(receiver.health()).toEqual({ ok: true, worker: 'stopped' })
  })
})
