import { describe, expect, it, vi } from 'vitest'
import { bodyOf, quiet, receiverFor, until } from '../receiver/helpers.js'
import { byObject, deliverVersion } from './helpers.js'

function staleReceiver() {
  const applied: number[] = []
  const hooks = { onStale: vi.fn(), onHandled: vi.fn() }
  const logger = { ...quiet, info: vi.fn() }
  const receiver = receiverFor('stripe', { hooks, logger, ordering: byObject })
  receiver.on(
    'invoice.updated',
    (event) => void applied.push((event.payload as { created: number }).created),
    { id: 'apply' },
  )
  return { receiver, applied, hooks, logger }
}

describe('version: the staleness guard', () => {
  it('does not handle an event older than the last applied for its key: onStale, a log line, the id completed', async () => {
    const { receiver, applied, hooks, logger } = staleReceiver()
    await deliverVersion(receiver, 'in_1', 20)
    await until(() => expect(hooks.onHandled).toHaveBeenCalledOnce())
    const old = await deliverVersion(receiver, 'in_1', 10)
    expect(old.outcome.status).toBe(202)
    await until(() => expect(hooks.onStale).toHaveBeenCalledOnce())
    expect(applied).toEqual([20])
    expect(hooks.onStale.mock.calls[0]![0]).toMatchObject({
      deliveryId: old.id,
      orderKey: 'in_1',
      version: 10,
      lastVersion: 20,
      attempt: 1,
    })
    expect(logger.info).toHaveBeenCalledWith(
      expect.objectContaining({ deliveryId: old.id, orderKey: 'in_1', version: 10, lastVersion: 20 }),
      expect.stringContaining('stale event'),
    )
    expect(hooks.onHandled).toHaveBeenCalledOnce()
    // Completed: the sender's retry of the stale event is a duplicate.
    const again = await deliverVersion(receiver, 'in_1', 10, old.id)
    expect(bodyOf(again.outcome).code).toBe('duplicate')
    await receiver.close()
  })

  it('counts an equal version as stale: the same state, not applied twice', async () => {
    const { receiver, applied, hooks } = staleReceiver()
    await deliverVersion(receiver, 'in_1', 7)
    await until(() => expect(hooks.onHandled).toHaveBeenCalledOnce())
    await deliverVersion(receiver, 'in_1', 7)
    await until(() => expect(hooks.onStale).toHaveBeenCalledOnce())
    expect(applied).toEqual([7])
    await receiver.close()
  })

  it('applies newer versions, keeps keys apart, and records a version only once every handler succeeded', async () => {
    const { receiver, applied, hooks } = staleReceiver()
    let failNext = true
    receiver.on(
      'invoice.updated',
      () => {
        if (failNext) {
          failNext = false
          throw new Error('downstream timed out')
        }
      },
      { id: 'flaky' },
    )
    await deliverVersion(receiver, 'in_1', 5)
    await until(() => expect(hooks.onHandled).toHaveBeenCalledOnce())
    // The failed first attempt recorded nothing: its retry was not stale against itself.
    expect(hooks.onStale).not.toHaveBeenCalled()
    await deliverVersion(receiver, 'in_2', 1)
    await deliverVersion(receiver, 'in_1', 6)
    await until(() => expect(hooks.onHandled).toHaveBeenCalledTimes(3))
    expect(applied).toEqual([5, 1, 6])
    expect(hooks.onStale).not.toHaveBeenCalled()
    await receiver.close()
  })

  it('dead-letters an event whose version is not a finite number', async () => {
    const onDeadLettered = vi.fn()
    const receiver = receiverFor('stripe', { hooks: { onDeadLettered } })
    receiver.on('invoice.updated', () => {}, {
      id: 'apply',
      orderKey: byObject.orderKey,
      version: () => Number.NaN,
    })
    await deliverVersion(receiver, 'in_1', 1)
    await until(() => expect(onDeadLettered).toHaveBeenCalledOnce())
    expect(onDeadLettered.mock.calls[0]![0]).toMatchObject({
      attempt: 1,
      error: { code: 'invalid_ordering' },
    })
    await receiver.close()
  })
})
