import { describe, expect, it } from 'vitest'
import { bodyOf, deferred, deliver, freshId, receiverFor, until } from './helpers.js'

describe('maxPending', () => {
  it('refuses with 503 queue_full and Retry-After once that many deliveries wait, claiming nothing', async () => {
    const gate = deferred()
    const receiver = receiverFor('stripe', { maxPending: 2, concurrency: 1 })
    const handled: string[] = []
    receiver.on('invoice.paid', async (event) => {
      await gate.promise
      handled.push(event.id!)
    })
    const ids = [freshId(), freshId(), freshId()]
    expect((await deliver(receiver, 'stripe', { id: ids[0], type: 'invoice.paid' })).status).toBe(202)
    expect((await deliver(receiver, 'stripe', { id: ids[1], type: 'invoice.paid' })).status).toBe(202)
    const refused = await deliver(receiver, 'stripe', { id: ids[2], type: 'invoice.paid' })
    expect([refused.status, refused.code, refused.headers['retry-after']]).toEqual([503, 'queue_full', '5'])
    expect(bodyOf(refused).message).toContain('maxPending')
    gate.resolve()
    await until(() => expect(handled).toEqual(ids.slice(0, 2)))
    // Nothing was claimed: the sender's retry is a new delivery, not a duplicate.
    expect((await deliver(receiver, 'stripe', { id: ids[2], type: 'invoice.paid' })).code).toBe('accepted')
    await until(() => expect(handled).toEqual(ids))
    await receiver.close()
  })

  it('counts retries waiting on their timers as pending', async () => {
    const receiver = receiverFor('stripe', {
      maxPending: 1,
      retry: { attempts: 2, baseDelay: 200, maxDelay: 200 },
    })
    let runs = 0
    receiver.on('invoice.paid', () => {
      if (++runs === 1) throw new Error('first attempt fails')
    })
    expect((await deliver(receiver, 'stripe', { id: freshId(), type: 'invoice.paid' })).status).toBe(202)
    await until(() => expect(runs).toBe(1))
    expect((await deliver(receiver, 'stripe', { id: freshId(), type: 'invoice.paid' })).code).toBe(
      'queue_full',
    )
    await until(() => expect(runs).toBe(2))
    expect((await deliver(receiver, 'stripe', { id: freshId(), type: 'invoice.paid' })).code).toBe('accepted')
    await receiver.close()
  })

  it("bounds deliveries being handled before their answer (ack: 'handled')", async () => {
    const gate = deferred()
    const receiver = receiverFor('stripe', { maxPending: 1, ack: 'handled' })
    receiver.on('invoice.paid', () => gate.promise)
    const first = deliver(receiver, 'stripe', { id: freshId(), type: 'invoice.paid' })
    await new Promise((resolve) => setTimeout(resolve, 20))
    const second = await deliver(receiver, 'stripe', { id: freshId(), type: 'invoice.paid' })
    expect([second.status, second.code]).toEqual([503, 'queue_full'])
    gate.resolve()
    expect((await first).code).toBe('handled')
    await receiver.close()
  })

  it('is checked when the receiver is created', () => {
    expect(() => receiverFor('stripe', { maxPending: 0 })).toThrow(/maxPending must be a whole number >= 1/)
  })
})
