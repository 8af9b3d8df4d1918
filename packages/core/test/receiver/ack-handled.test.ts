import { describe, expect, it, vi } from 'vitest'
import { bodyOf, deferred, deliver, freshId, type ProviderName, receiverFor, signed } from './helpers.js'

describe.each<ProviderName>(['stripe', 'standard-webhooks', 'github'])("ack: 'handled' (%s)", (provider) => {
  it('answers 200 handled only after the handlers ran', async () => {
    const onHandled = vi.fn()
    const receiver = receiverFor(provider, { ack: 'handled', hooks: { onHandled } })
    let finished = false
    receiver.on('invoice.paid', async () => {
      await new Promise((resolve) => setTimeout(resolve, 10))
      finished = true
    })
    const id = freshId()
    const outcome = await deliver(receiver, provider, { id, type: 'invoice.paid' })
    expect(finished).toBe(true)
    expect(outcome.status).toBe(200)
    expect(bodyOf(outcome)).toEqual({ ok: true, code: 'handled', id })
    expect(onHandled).toHaveBeenCalledTimes(1)
    expect((await deliver(receiver, provider, { id, type: 'invoice.paid' })).code).toBe('duplicate')
    await receiver.close()
  })

  it('answers 500 handler_failed without the error, releases the claim, and processes the retry', async () => {
    const onRejected = vi.fn()
    const receiver = receiverFor(provider, { ack: 'handled', hooks: { onRejected } })
    let runs = 0
    receiver.on('invoice.paid', () => {
      runs++
      if (runs === 1) throw new Error('database password is hunter2')
    })
    const id = freshId()
    const failed = await deliver(receiver, provider, { id, type: 'invoice.paid' })
    expect(failed.status).toBe(500)
    expect(bodyOf(failed)).toMatchObject({ ok: false, code: 'handler_failed' })
    expect(failed.body).not.toContain('hunter2')
    expect(onRejected.mock.calls[0]?.[0].error.cause.message).toBe('database password is hunter2')

    const retried = await deliver(receiver, provider, { id, type: 'invoice.paid' })
    expect(retried.code).toBe('handled')
    expect(runs).toBe(2)
    await receiver.close()
  })

  it('answers 409 in_progress with Retry-After to a duplicate that arrives while the handler runs', async () => {
    const receiver = receiverFor(provider, { ack: 'handled' })
    const gate = deferred()
    const handler = vi.fn(() => gate.promise)
    receiver.on('invoice.paid', handler)
    const id = freshId()
    const first = receiver.receive(await signed(provider, { id, type: 'invoice.paid' }))
    await vi.waitFor(() => expect(handler).toHaveBeenCalled())
    const concurrent = await deliver(receiver, provider, { id, type: 'invoice.paid' })
    expect(concurrent.status).toBe(409)
    expect(concurrent.code).toBe('in_progress')
    expect(concurrent.headers['retry-after']).toBe('5')
    gate.resolve()
    expect((await first).code).toBe('handled')
    expect((await deliver(receiver, provider, { id, type: 'invoice.paid' })).code).toBe('duplicate')
    await receiver.close()
    expect(handler).toHaveBeenCalledTimes(1)
  })
})
