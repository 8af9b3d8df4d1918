import { memoryStore, type WebhookEvent } from '@hookgate/core'
import { describe, expect, it, vi } from 'vitest'
import { deferred, receiverFor, sleep, until } from '../receiver/helpers.js'
import { byObject, deliverVersion, type ObjectEvent, overlapMeter } from './helpers.js'

const objectOf = (event: WebhookEvent) => (event.payload as ObjectEvent).data.object.id

describe('orderKey: per-key serialization', () => {
  it('never runs two events of one key at once, and waits without counting an attempt', async () => {
    const meter = overlapMeter()
    const attempts: number[] = []
    const hooks = { onRetry: vi.fn(), onHandled: vi.fn() }
    const receiver = receiverFor('stripe', { hooks, concurrency: 16 })
    receiver.on(
      'invoice.updated',
      async (event, ctx) => {
        meter.enter(objectOf(event))
        attempts.push(ctx.attempt)
        await sleep(5)
        meter.leave(objectOf(event))
      },
      { id: 'apply', orderKey: byObject.orderKey },
    )
    const sent = await Promise.all(
      Array.from({ length: 12 }, (_, i) => deliverVersion(receiver, `in_${i % 2}`, i)),
    )
    expect(sent.map((s) => s.outcome.status)).toEqual(Array(12).fill(202))
    await until(() => expect(hooks.onHandled).toHaveBeenCalledTimes(12), 5_000)
    expect([...meter.most]).toEqual([
      ['in_0', 1],
      ['in_1', 1],
    ])
    // Waiting for the key is no failed attempt: every handler ran at its first.
    expect(attempts).toEqual(Array(12).fill(1))
    expect(hooks.onRetry).not.toHaveBeenCalled()
    await receiver.close()
  })

  it('runs events of different keys in parallel', async () => {
    const gate = deferred()
    const started = new Set<string>()
    const receiver = receiverFor('stripe')
    receiver.on(
      'invoice.updated',
      async (event) => {
        started.add(objectOf(event))
        await gate.promise
      },
      { id: 'apply', ...byObject },
    )
    for (let i = 0; i < 5; i++) await deliverVersion(receiver, `in_${i}`, 1)
    // All five hold their own key at once: none waits for another to finish.
    await until(() => expect(started.size).toBe(5))
    gate.resolve()
    await receiver.close()
  })

  it('runs an event whose orderKey answers undefined without any key', async () => {
    const store = memoryStore()
    const holdOrder = vi.spyOn(store, 'holdOrder' as never)
    const handled = vi.fn()
    const receiver = receiverFor('stripe', { store, ordering: { orderKey: () => undefined } })
    receiver.on('invoice.updated', handled, { id: 'apply' })
    await deliverVersion(receiver, 'in_1', 1)
    await until(() => expect(handled).toHaveBeenCalledOnce())
    expect(holdOrder).not.toHaveBeenCalled()
    await receiver.close()
  })

  it("gives handlers the order key's fence, greater than the claim's", async () => {
    const store = memoryStore()
    const fences: (number | undefined)[] = []
    const receiver = receiverFor('stripe', { store })
    receiver.on('invoice.updated', (_event, ctx) => void fences.push(ctx.fence), {
      id: 'apply',
      ...byObject,
    })
    await deliverVersion(receiver, 'in_1', 1)
    await until(() => expect(fences).toHaveLength(1))
    const claim = store.claim('probe', { payloadHash: 'h', lease: 1_000, dedupWindow: 1_000 })
    // Fences come from one counter: claim 1, order key 2, the probe's claim 3.
    expect(fences).toEqual([2])
    expect(claim).toMatchObject({ fence: 3 })
    await receiver.close()
  })
})
