import { type HandoffQueue, type IdempotencyStore, memoryQueue, memoryStore } from '@hookgate/core'
import { describe, expect, it } from 'vitest'
import { deliver, freshId, receiverFor, sleep } from './helpers.js'

/** A memory store whose claims answer after `delay` ms, declaring `timeout` when given one. */
function slowStore(delay: number, timeout?: number): IdempotencyStore {
  const inner = memoryStore()
  return {
    ...(timeout === undefined ? {} : { timeout }),
    claim: async (key, options) => {
      await sleep(delay)
      return inner.claim(key, options)
    },
    acquire: (key, token, options) => inner.acquire(key, token, options),
    complete: (key, token, options) => inner.complete(key, token, options),
    release: (key, token) => inner.release(key, token),
  }
}

/** A memory queue whose `enqueue` answers after `delay` ms and that declares `timeout`. */
function slowQueue(delay: number, timeout: number): HandoffQueue {
  const inner = memoryQueue()
  return {
    timeout,
    enqueue: async (job) => {
      await sleep(delay)
      return inner.enqueue(job)
    },
    consume: (attempt, options) => inner.consume(attempt, options),
    listDeadLetters: (options) => inner.listDeadLetters(options),
    replayDeadLetters: (ids) => inner.replayDeadLetters(ids),
    purgeDeadLetters: (ids) => inner.purgeDeadLetters(ids),
  }
}

describe('the timeout of a store or queue call: exactly one setting decides', () => {
  it('leaves the bound to a store that declares its own timeout: storeTimeout does not cut it short', async () => {
    const receiver = receiverFor('stripe', { store: slowStore(80, 1_000), storeTimeout: 20 })
    receiver.on('invoice.paid', () => {})
    const outcome = await deliver(receiver, 'stripe', { id: freshId(), type: 'invoice.paid' })
    expect(outcome.status).toBe(202)
    await receiver.close()
  })

  it('leaves the bound to a queue that declares its own timeout', async () => {
    const receiver = receiverFor('stripe', { queue: slowQueue(80, 1_000), storeTimeout: 20 })
    receiver.on('invoice.paid', () => {})
    const outcome = await deliver(receiver, 'stripe', { id: freshId(), type: 'invoice.paid' })
    expect(outcome.status).toBe(202)
    await receiver.close()
  })

  it('still answers 503 when a store that declares its timeout fails', async () => {
    const failing: IdempotencyStore = {
      ...slowStore(0, 1_000),
      claim: () => Promise.reject(new Error('connection reset')),
    }
    const receiver = receiverFor('stripe', { store: failing })
    receiver.on('invoice.paid', () => {})
    const outcome = await deliver(receiver, 'stripe', { id: freshId(), type: 'invoice.paid' })
    expect(outcome.code).toBe('store_unavailable')
    await receiver.close()
  })

  it('bounds a store that declares none by storeTimeout', async () => {
    const receiver = receiverFor('stripe', { store: slowStore(10_000), storeTimeout: 50 })
    receiver.on('invoice.paid', () => {})
    const started = Date.now()
    const outcome = await deliver(receiver, 'stripe', { id: freshId(), type: 'invoice.paid' })
    expect(outcome.code).toBe('store_unavailable')
    expect(Date.now() - started).toBeLessThan(1_000)
    await receiver.close()
  })

  it('refuses a storeTimeout that would bound nothing: store and queue both declare their own', () => {
    expect(() =>
      receiverFor('stripe', { store: slowStore(0, 500), queue: slowQueue(0, 500), storeTimeout: '2s' }),
    ).toThrow(/storeTimeout .*the store and the queue bound their own calls/)
    // Without storeTimeout the same pair is fine: their own bound decides.
    expect(() => receiverFor('stripe', { store: slowStore(0, 500), queue: slowQueue(0, 500) })).not.toThrow()
  })
})
