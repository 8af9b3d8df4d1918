import {
  type HandoffQueue,
  type IdempotencyStore,
  type Logger,
  memoryQueue,
  memoryStore,
} from '@hookgate/core'
import { describe, expect, it, vi } from 'vitest'
import { deliver, freshId, quiet, receiverFor, sleep } from './helpers.js'

/** The memory store (whose `release` answers synchronously) with `release` replaced. */
function storeReleasing(release: IdempotencyStore['release']): IdempotencyStore {
  const inner = memoryStore()
  return {
    claim: (key, options) => inner.claim(key, options),
    acquire: (key, token, options) => inner.acquire(key, token, options),
    complete: (key, token, options) => inner.complete(key, token, options),
    extend: (key, token, options) => inner.extend!(key, token, options),
    release,
  }
}

/** A memory queue whose first `enqueue` fails: the receiver must then release the claim it took. */
function queueFailingOnce(): HandoffQueue {
  const inner = memoryQueue()
  let failed = false
  return {
    enqueue(job) {
      if (failed) return inner.enqueue(job)
      failed = true
      throw new Error('queue full')
    },
    consume: (attempt, options) => inner.consume(attempt, options),
    listDeadLetters: (options) => inner.listDeadLetters(options),
    replayDeadLetters: (ids) => inner.replayDeadLetters(ids),
    purgeDeadLetters: (ids) => inner.purgeDeadLetters(ids),
  }
}

function recordingLogger() {
  const error = vi.fn()
  const logger: Logger = { ...quiet, error }
  return { logger, error }
}

describe('release answers like every other store method: synchronously, or with a promise', () => {
  it('frees the id with a synchronous answer after a failed handoff, so the retry is processed', async () => {
    const store = memoryStore()
    expect(typeof store.release('absent', 'token')).toBe('boolean')
    const receiver = receiverFor('stripe', { store, queue: queueFailingOnce() })
    const handler = vi.fn()
    receiver.on('invoice.paid', handler)
    const id = freshId()
    expect((await deliver(receiver, 'stripe', { id, type: 'invoice.paid' })).status).toBe(503)
    expect((await deliver(receiver, 'stripe', { id, type: 'invoice.paid' })).status).toBe(202)
    await receiver.close()
    expect(handler).toHaveBeenCalledTimes(1)
  })

  it.each([
    [
      'throws',
      (): boolean => {
        throw new Error('release broke')
      },
    ],
    [
      'rejects',
      async (): Promise<boolean> => {
        throw new Error('release broke')
      },
    ],
  ])('still answers 503 after a failed handoff when release %s, and logs it', async (_, release) => {
    const { logger, error } = recordingLogger()
    const receiver = receiverFor('stripe', {
      store: storeReleasing(release),
      queue: queueFailingOnce(),
      logger,
    })
    receiver.on('invoice.paid', () => {})
    expect((await deliver(receiver, 'stripe', { id: freshId(), type: 'invoice.paid' })).status).toBe(503)
    await sleep(1)
    expect(error).toHaveBeenCalledWith(
      expect.objectContaining({ err: expect.objectContaining({ message: 'release broke' }) }),
      'could not release the claim after a failed enqueue',
    )
    await receiver.close()
  })

  it("answers 500 handler_failed with ack: 'handled' when release throws, and logs it", async () => {
    const { logger, error } = recordingLogger()
    const receiver = receiverFor('stripe', {
      ack: 'handled',
      logger,
      store: storeReleasing(() => {
        throw new Error('release broke')
      }),
    })
    receiver.on('invoice.paid', () => {
      throw new Error('handler broke')
    })
    const outcome = await deliver(receiver, 'stripe', { id: freshId(), type: 'invoice.paid' })
    expect(outcome).toMatchObject({ status: 500, code: 'handler_failed' })
    expect(error).toHaveBeenCalledWith(
      expect.objectContaining({ err: expect.objectContaining({ message: 'release broke' }) }),
      'could not release the claim; the id stays in progress until its lease lapses',
    )
    await receiver.close()
  })

  it("processes the sender's retry with ack: 'handled' after a synchronous release", async () => {
    const receiver = receiverFor('stripe', { ack: 'handled', store: memoryStore() })
    let calls = 0
    receiver.on('invoice.paid', () => {
      if (++calls === 1) throw new Error('first try fails')
    })
    const id = freshId()
    expect((await deliver(receiver, 'stripe', { id, type: 'invoice.paid' })).code).toBe('handler_failed')
    expect((await deliver(receiver, 'stripe', { id, type: 'invoice.paid' })).code).toBe('handled')
    await receiver.close()
  })
})
