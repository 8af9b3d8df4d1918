import { describe, expect, it, vi } from 'vitest'
import { deliver, freshId, quiet, receiverFor, until } from './helpers.js'

describe('logs', () => {
  it('warns of every failed attempt before the last, with the attempt, the delay and the error', async () => {
    const logger = { ...quiet, warn: vi.fn() }
    const onDeadLettered = vi.fn()
    const receiver = receiverFor('stripe', {
      logger,
      retry: { attempts: 3, baseDelay: 1, maxDelay: 4 },
      hooks: { onDeadLettered },
    })
    receiver.on('invoice.paid', (_event, ctx) => {
      throw new Error(`down (attempt ${ctx.attempt})`)
    })
    const id = freshId()
    await deliver(receiver, 'stripe', { id, type: 'invoice.paid' })
    await until(() => expect(onDeadLettered).toHaveBeenCalledTimes(1))
    await receiver.close()

    const failed = logger.warn.mock.calls.filter(([, message]) => message === 'attempt failed; retrying')
    expect(failed.map(([fields]) => fields)).toEqual(
      [1, 2].map((attempt) => ({
        deliveryId: id,
        type: 'invoice.paid',
        attempt,
        delayMs: expect.any(Number),
        failedHandlers: [expect.any(String)],
        err: expect.objectContaining({ message: `down (attempt ${attempt})` }),
      })),
    )
    // The last attempt is told once, as the dead letter.
    const dead = logger.warn.mock.calls.filter(([, message]) => message === 'delivery dead-lettered')
    expect(dead.map(([fields]) => fields.attempt)).toEqual([3])
  })
})
