import { type HandoffQueue, type IdempotencyStore, memoryQueue, memoryStore } from '@hookgate/core'
import { describe, expect, it, vi } from 'vitest'
import {
  bodyOf,
  brokenStore,
  deliver,
  freshId,
  type ProviderName,
  receiverFor,
  signed,
  sleep,
  until,
} from './helpers.js'

/** A memory queue flagged durable: the receiver leaves it alone until `work()`, like a crashed worker. */
function parkedQueue(): HandoffQueue {
  const queue = memoryQueue()
  return {
    durable: true,
    enqueue: (job) => queue.enqueue(job),
    consume: (attempt, options) => queue.consume(attempt, options),
    listDeadLetters: (options) => queue.listDeadLetters(options),
    replayDeadLetters: (ids) => queue.replayDeadLetters(ids),
    purgeDeadLetters: (ids) => queue.purgeDeadLetters(ids),
  }
}

describe.each<ProviderName>(['stripe', 'standard-webhooks', 'github'])(
  'dedup through receive() (%s)',
  (provider) => {
    it('runs the handler exactly once for 100 concurrent deliveries of one id', async () => {
      const receiver = receiverFor(provider)
      let runs = 0
      receiver.on('invoice.paid', async () => {
        runs++
        await sleep(20)
      })
      const id = freshId()
      const requests = await Promise.all(
        Array.from({ length: 100 }, () => signed(provider, { id, type: 'invoice.paid' })),
      )
      const outcomes = await Promise.all(requests.map((request) => receiver.receive(request)))
      expect(outcomes.filter((o) => o.code === 'accepted')).toHaveLength(1)
      expect(outcomes.filter((o) => o.code === 'duplicate' && o.status === 200)).toHaveLength(99)
      await receiver.close()
      expect(runs).toBe(1)
      const late = await deliver(receiver, provider, { id, type: 'invoice.paid' })
      expect(late.code).toBe('shutting_down')
    })

    it('answers 200 duplicate once processed, with the id in the body', async () => {
      const receiver = receiverFor(provider)
      const handler = vi.fn()
      receiver.on('invoice.paid', handler)
      const id = freshId()
      expect((await deliver(receiver, provider, { id, type: 'invoice.paid' })).status).toBe(202)
      await until(() => expect(handler).toHaveBeenCalledTimes(1))
      const again = await deliver(receiver, provider, { id, type: 'invoice.paid' })
      expect(again.status).toBe(200)
      expect(bodyOf(again)).toEqual({ ok: true, code: 'duplicate', id })
      expect(again.headers['content-type']).toMatch(/^application\/json/)
      await receiver.close()
      expect(handler).toHaveBeenCalledTimes(1)
    })

    it('answers 409 id_conflict for a known id with another payload, and never runs it', async () => {
      const receiver = receiverFor(provider)
      const handler = vi.fn()
      receiver.on('invoice.paid', handler)
      const id = freshId()
      await deliver(receiver, provider, { id, type: 'invoice.paid', data: { amount: 1 } })
      const conflict = await deliver(receiver, provider, { id, type: 'invoice.paid', data: { amount: 2 } })
      expect(conflict.status).toBe(409)
      expect(bodyOf(conflict)).toMatchObject({ ok: false, code: 'id_conflict' })
      await receiver.close()
      expect(handler).toHaveBeenCalledTimes(1)
      expect(handler.mock.calls[0]?.[0].payload).toMatchObject({ data: { amount: 1 } })
    })

    it('forgets an id once the dedup window has passed (fake timers)', async () => {
      vi.useFakeTimers()
      try {
        const receiver = receiverFor(provider, { dedupWindow: '1h' })
        const handler = vi.fn()
        receiver.on('invoice.paid', handler)
        const id = freshId()
        expect((await deliver(receiver, provider, { id, type: 'invoice.paid' })).code).toBe('accepted')
        await vi.advanceTimersByTimeAsync(10)
        expect(handler).toHaveBeenCalledTimes(1)
        await vi.advanceTimersByTimeAsync(3_600_000 - 20)
        expect((await deliver(receiver, provider, { id, type: 'invoice.paid' })).code).toBe('duplicate')
        await vi.advanceTimersByTimeAsync(20)
        expect((await deliver(receiver, provider, { id, type: 'invoice.paid' })).code).toBe('accepted')
        await vi.advanceTimersByTimeAsync(10)
        expect(handler).toHaveBeenCalledTimes(2)
      } finally {
        vi.useRealTimers()
      }
    })

    it('lets a second worker take over a claim abandoned by a crashed one once the lease lapses', async () => {
      const store = memoryStore()
      const crashed = receiverFor(provider, { store, queue: parkedQueue(), lease: 200 })
      const crashedHandler = vi.fn()
      crashed.on('invoice.paid', crashedHandler)
      const survivor = receiverFor(provider, { store, lease: 200 })
      const handler = vi.fn()
      survivor.on('invoice.paid', handler)
      const id = freshId()

      expect((await deliver(crashed, provider, { id, type: 'invoice.paid' })).code).toBe('accepted')
      expect((await deliver(survivor, provider, { id, type: 'invoice.paid' })).code).toBe('duplicate')
      await sleep(250)
      expect((await deliver(survivor, provider, { id, type: 'invoice.paid' })).code).toBe('accepted')
      await until(() => expect(handler).toHaveBeenCalledTimes(1))

      // The crashed worker comes back: its stale job finds the claim taken over and does not run.
      crashed.work()
      await crashed.close()
      await survivor.close()
      expect(crashedHandler).not.toHaveBeenCalled()
      expect(handler).toHaveBeenCalledTimes(1)
    })

    it('renews the lease of a handler running longer than it, so nobody takes it over', async () => {
      const store = memoryStore()
      // Renewed every 40 ms; a loaded machine may delay a timer, so the margins are wide.
      const slow = receiverFor(provider, { store, lease: 120 })
      const other = receiverFor(provider, { store, lease: 120 })
      const otherHandler = vi.fn()
      slow.on('invoice.paid', () => sleep(400))
      other.on('invoice.paid', otherHandler)
      const id = freshId()
      expect((await deliver(slow, provider, { id, type: 'invoice.paid' })).code).toBe('accepted')
      await sleep(250)
      expect((await deliver(other, provider, { id, type: 'invoice.paid' })).code).toBe('duplicate')
      await Promise.all([slow.close(), other.close()])
      expect(otherHandler).not.toHaveBeenCalled()
    })

    it('renews a handler with the timer an earlier handler started, and stops that timer once idle', async () => {
      const store = memoryStore()
      const slow = receiverFor(provider, { store, lease: 120 })
      const other = receiverFor(provider, { store, lease: 120 })
      const otherHandler = vi.fn()
      let runs = 0
      // The first delivery ends at once (its renewal timer stays); the second runs past the lease.
      slow.on('invoice.paid', () => (++runs === 2 ? sleep(400) : undefined))
      other.on('invoice.paid', otherHandler)
      await deliver(slow, provider, { id: freshId(), type: 'invoice.paid' })
      await until(() => expect(runs).toBe(1))
      const id = freshId()
      expect((await deliver(slow, provider, { id, type: 'invoice.paid' })).code).toBe('accepted')
      await sleep(250)
      expect((await deliver(other, provider, { id, type: 'invoice.paid' })).code).toBe('duplicate')
      await Promise.all([slow.close(), other.close()])
      expect(otherHandler).not.toHaveBeenCalled()
    })

    it('holds the claim while a retry waits, longer than the lease', async () => {
      const store = memoryStore()
      const failing = receiverFor(provider, {
        store,
        lease: 20,
        retry: { attempts: 2, baseDelay: 300, maxDelay: 300 },
      })
      const other = receiverFor(provider, { store, lease: 20 })
      let runs = 0
      failing.on('invoice.paid', () => {
        if (++runs === 1) throw new Error('first try fails')
      })
      const otherHandler = vi.fn()
      other.on('invoice.paid', otherHandler)
      const id = freshId()
      await deliver(failing, provider, { id, type: 'invoice.paid' })
      await until(() => expect(runs).toBe(1))
      await sleep(60) // the retry waits at least 150 ms; the bare lease would have lapsed
      expect((await deliver(other, provider, { id, type: 'invoice.paid' })).code).toBe('duplicate')
      await until(() => expect(runs).toBe(2))
      await Promise.all([failing.close(), other.close()])
      expect(otherHandler).not.toHaveBeenCalled()
    })

    it('keeps keys apart per namespace and provider in a shared store', async () => {
      const store = memoryStore()
      const id = freshId()
      const outcomes = []
      for (const namespace of ['app-a', 'app-b', 'app-a']) {
        const receiver = receiverFor(provider, { store, namespace })
        receiver.on('*', () => {})
        outcomes.push((await deliver(receiver, provider, { id, type: 'invoice.paid' })).code)
        await receiver.close()
      }
      expect(outcomes).toEqual(['accepted', 'accepted', 'duplicate'])
    })
  },
)

describe('ids', () => {
  it('refuses an id-less delivery with 400 missing_id', async () => {
    const receiver = receiverFor('hmac')
    receiver.on('invoice.paid', () => {})
    const outcome = await deliver(receiver, 'hmac', { type: 'invoice.paid' })
    expect(outcome.status).toBe(400)
    expect(bodyOf(outcome)).toMatchObject({ ok: false, code: 'missing_id' })
    await receiver.close()
  })

  it('dedups id-less deliveries on the key function', async () => {
    const receiver = receiverFor('hmac', {
      key: (event) => (event.payload as { data: { ref: string } }).data.ref,
    })
    const handler = vi.fn()
    receiver.on('invoice.paid', handler)
    const ref = freshId('ref')
    const first = await deliver(receiver, 'hmac', { type: 'invoice.paid', data: { ref } })
    expect(bodyOf(first)).toEqual({ ok: true, code: 'accepted', id: ref })
    expect((await deliver(receiver, 'hmac', { type: 'invoice.paid', data: { ref } })).code).toBe('duplicate')
    await receiver.close()
    expect(handler).toHaveBeenCalledTimes(1)
    expect(handler.mock.calls[0]?.[1].deliveryId).toBe(ref)
  })
})

/** A synchronous store (as the contract allows) whose every call throws. */
function throwingStore(): IdempotencyStore {
  const fail = (): never => {
    throw new Error('connect ECONNREFUSED 127.0.0.1:6379')
  }
  return { claim: fail, acquire: fail, complete: fail, release: async () => fail(), extend: fail }
}

describe('store failures', () => {
  it.each([
    ['rejects', brokenStore],
    ['throws', throwingStore],
  ])(
    'answers 503 store_unavailable with Retry-After and runs nothing when the store %s',
    async (_, store) => {
      const onRejected = vi.fn()
      const receiver = receiverFor('stripe', { store: store(), hooks: { onRejected } })
      const handler = vi.fn()
      receiver.on('invoice.paid', handler)
      const outcome = await deliver(receiver, 'stripe', { id: freshId(), type: 'invoice.paid' })
      expect(outcome.status).toBe(503)
      expect(outcome.code).toBe('store_unavailable')
      expect(outcome.headers['retry-after']).toBe('5')
      expect(outcome.body).not.toContain('ECONNREFUSED')
      expect(onRejected.mock.calls[0]?.[0].error.cause.message).toContain('ECONNREFUSED')
      await receiver.close()
      expect(handler).not.toHaveBeenCalled()
    },
  )

  it('answers 503 when the store hangs past storeTimeout', async () => {
    const hanging: IdempotencyStore = {
      claim: () => new Promise(() => {}),
      acquire: () => new Promise(() => {}),
      complete: async () => true,
      release: async () => true,
    }
    const receiver = receiverFor('stripe', { store: hanging, storeTimeout: 20 })
    receiver.on('invoice.paid', () => {})
    const outcome = await deliver(receiver, 'stripe', { id: freshId(), type: 'invoice.paid' })
    expect(outcome.code).toBe('store_unavailable')
    await receiver.close()
  })

  it("accepts and processes unclaimed with storeFailure: 'accept'", async () => {
    const receiver = receiverFor('stripe', { store: brokenStore(), storeFailure: 'accept' })
    const handler = vi.fn()
    receiver.on('invoice.paid', handler)
    const outcome = await deliver(receiver, 'stripe', { id: freshId(), type: 'invoice.paid' })
    expect(outcome.status).toBe(202)
    await receiver.close()
    expect(handler).toHaveBeenCalledTimes(1)
  })

  it('answers 503 and releases the claim when the handoff fails, so the retry is processed', async () => {
    const queue = memoryQueue()
    let failNext = true
    const flaky: HandoffQueue = {
      enqueue: async (job) => {
        if (failNext) {
          failNext = false
          throw new Error('queue full')
        }
        return queue.enqueue(job)
      },
      consume: (attempt, options) => queue.consume(attempt, options),
      listDeadLetters: (options) => queue.listDeadLetters(options),
      replayDeadLetters: (ids) => queue.replayDeadLetters(ids),
      purgeDeadLetters: (ids) => queue.purgeDeadLetters(ids),
    }
    const receiver = receiverFor('stripe', { queue: flaky })
    const handler = vi.fn()
    receiver.on('invoice.paid', handler)
    const id = freshId()
    expect((await deliver(receiver, 'stripe', { id, type: 'invoice.paid' })).status).toBe(503)
    await sleep(1)
    expect((await deliver(receiver, 'stripe', { id, type: 'invoice.paid' })).status).toBe(202)
    await receiver.close()
    expect(handler).toHaveBeenCalledTimes(1)
  })

  it('uses the queue’s claimAndEnqueue instead of claim then enqueue when it has one', async () => {
    const queue = memoryQueue()
    const store = memoryStore()
    const claimAndEnqueue = vi.fn<NonNullable<HandoffQueue['claimAndEnqueue']>>(async (key, options, job) => {
      const result = await store.claim(key, options)
      if (result.status === 'claimed') await queue.enqueue({ ...job, token: result.token })
      return result
    })
    const atomic: HandoffQueue = {
      enqueue: () => Promise.reject(new Error('not used')),
      claimAndEnqueue,
      consume: (attempt, options) => queue.consume(attempt, options),
      listDeadLetters: (options) => queue.listDeadLetters(options),
      replayDeadLetters: (ids) => queue.replayDeadLetters(ids),
      purgeDeadLetters: (ids) => queue.purgeDeadLetters(ids),
    }
    const claim = vi.spyOn(store, 'claim')
    const receiver = receiverFor('stripe', { store, queue: atomic })
    const handler = vi.fn()
    receiver.on('invoice.paid', handler)
    const id = freshId()
    expect((await deliver(receiver, 'stripe', { id, type: 'invoice.paid' })).code).toBe('accepted')
    expect((await deliver(receiver, 'stripe', { id, type: 'invoice.paid' })).code).toBe('duplicate')
    await receiver.close()
    expect(claimAndEnqueue).toHaveBeenCalledTimes(2)
    expect(claim).toHaveBeenCalledTimes(2) // from inside claimAndEnqueue only
    expect(handler).toHaveBeenCalledTimes(1)
  })
})

describe('the lease renewal timer', () => {
  it('is one timer for handlers run one after another, and stops at its first tick with none running', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    try {
      const receiver = receiverFor('stripe', { lease: 300 })
      let runs = 0
      receiver.on('invoice.paid', () => {
        runs++
      })
      const baseline = vi.getTimerCount()
      for (let i = 1; i <= 3; i++) {
        await deliver(receiver, 'stripe', { id: freshId(), type: 'invoice.paid' })
        await until(() => expect(runs).toBe(i))
        expect(vi.getTimerCount()).toBe(baseline + 1)
      }
      vi.advanceTimersByTime(100)
      expect(vi.getTimerCount()).toBe(baseline)
      await receiver.close()
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('acquiring the claim when an attempt starts', () => {
  /** A memory store whose `acquire` calls are counted per key. */
  function countingStore() {
    const store = memoryStore()
    const acquire = vi.spyOn(store, 'acquire')
    return { store, acquired: (key: string) => acquire.mock.calls.filter(([k]) => k.endsWith(key)).length }
  }

  it('skips it for a first attempt that starts right after this process claimed the id', async () => {
    const { store, acquired } = countingStore()
    const receiver = receiverFor('stripe', { store })
    const handler = vi.fn()
    receiver.on('invoice.paid', handler)
    const id = freshId()
    await deliver(receiver, 'stripe', { id, type: 'invoice.paid' })
    await until(() => expect(handler).toHaveBeenCalledTimes(1))
    await receiver.close()
    expect(acquired(id)).toBe(0)
  })

  it('acquires it for a first attempt that waited in the queue for a third of its lease or more', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      const { store, acquired } = countingStore()
      // One job at a time: the second waits behind the first while the clock moves past a third of the lease.
      const receiver = receiverFor('stripe', { store, lease: 300, concurrency: 1 })
      let openGate!: () => void
      const gate = new Promise<void>((resolve) => (openGate = resolve))
      const ran: string[] = []
      receiver.on('invoice.paid', async (event) => {
        ran.push(event.id!)
        if (ran.length === 1) await gate
      })
      const [first, second] = [freshId(), freshId()]
      await deliver(receiver, 'stripe', { id: first, type: 'invoice.paid' })
      await deliver(receiver, 'stripe', { id: second, type: 'invoice.paid' })
      vi.setSystemTime(Date.now() + 150)
      openGate()
      await until(() => expect(ran).toEqual([first, second]))
      await receiver.close()
      expect(acquired(first)).toBe(0)
      expect(acquired(second)).toBe(1)
    } finally {
      vi.useRealTimers()
    }
  })

  it('acquires it for every job from a durable queue: another process claimed it, maybe long ago', async () => {
    const { store, acquired } = countingStore()
    const receiver = receiverFor('stripe', { store, queue: parkedQueue() })
    const handler = vi.fn()
    receiver.on('invoice.paid', handler)
    const id = freshId()
    await deliver(receiver, 'stripe', { id, type: 'invoice.paid' })
    receiver.work()
    await until(() => expect(handler).toHaveBeenCalledTimes(1))
    await receiver.close()
    expect(acquired(id)).toBe(1)
  })
})
