import { type IdempotencyStore, memoryStore, OrderKeyBusyError, OrderKeyLostError } from '@hookgate/core'
import { describe, expect, it, vi } from 'vitest'
import { quiet, receiverFor, until } from '../receiver/helpers.js'
import { byObject, deliverVersion } from './helpers.js'

describe('a job whose key is held, or lost', () => {
  it('stops waiting after two leases: each later try counts as a failed attempt, then the dead letters', async () => {
    const store = memoryStore()
    // Another worker holds the key, and keeps holding it.
    const key = 'stripe:in_1'
    expect(store.holdOrder!(key, { lease: 60_000, retain: 60_000 })).toMatchObject({ status: 'held' })
    const hooks = { onRetry: vi.fn(), onDeadLettered: vi.fn() }
    const handled = vi.fn()
    const receiver = receiverFor('stripe', { store, hooks, lease: 50 })
    receiver.on('invoice.updated', handled, { id: 'apply', ...byObject })
    const started = Date.now()
    await deliverVersion(receiver, 'in_1', 1)
    await until(() => expect(hooks.onDeadLettered).toHaveBeenCalledOnce(), 3_000)
    // It waited its two leases (100 ms) before its first failed attempt; then 3 attempts in all.
    expect(Date.now() - started).toBeGreaterThanOrEqual(100)
    expect(hooks.onRetry).toHaveBeenCalledTimes(2)
    expect(hooks.onRetry.mock.calls[0]![0]).toMatchObject({ attempt: 1, failedHandlers: [] })
    expect(hooks.onDeadLettered.mock.calls[0]![0].error).toBeInstanceOf(OrderKeyBusyError)
    expect(handled).not.toHaveBeenCalled()
    await receiver.close()
  })

  it("aborts the handlers' signal when another attempt took the key over, then runs again under a new fence", async () => {
    const store = memoryStore()
    // The first holder's renewals are refused, as when it froze past its lease and another took the key.
    let refuse = true
    const ordered: IdempotencyStore = {
      ...bound(store),
      extendOrder: (key, token, options) => (refuse ? false : store.extendOrder!(key, token, options)),
    }
    const seen: { fence: number | undefined; attempt: number; reason?: unknown }[] = []
    const hooks = { onRetry: vi.fn(), onHandled: vi.fn() }
    const logger = { ...quiet, warn: vi.fn() }
    const receiver = receiverFor('stripe', { store: ordered, hooks, logger, lease: 60 })
    receiver.on(
      'invoice.updated',
      async (_event, ctx) => {
        const entry: (typeof seen)[number] = { fence: ctx.fence, attempt: ctx.attempt }
        seen.push(entry)
        if (seen.length > 1) return
        await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve, { once: true }))
        entry.reason = ctx.signal.reason
        refuse = false
        throw ctx.signal.reason
      },
      { id: 'apply', ...byObject },
    )
    await deliverVersion(receiver, 'in_1', 1)
    await until(() => expect(hooks.onHandled).toHaveBeenCalledOnce())
    expect(seen).toHaveLength(2)
    expect(seen[0]!.reason).toBeInstanceOf(OrderKeyLostError)
    expect(seen[1]!.fence).toBeGreaterThan(seen[0]!.fence!)
    // No failed attempt: it waited for the key, and ran again as attempt 1.
    expect(seen.map((s) => s.attempt)).toEqual([1, 1])
    expect(hooks.onRetry).not.toHaveBeenCalled()
    expect(logger.warn).toHaveBeenCalledWith(
      expect.objectContaining({ orderKey: 'in_1', fence: seen[0]!.fence }),
      expect.stringContaining('took the order key over'),
    )
    await receiver.close()
  })
})

/** The store's methods as plain functions, so a test can replace one. */
function bound(store: IdempotencyStore): IdempotencyStore {
  const methods = ['claim', 'acquire', 'complete', 'release', 'extend', 'peek']
  const orders = ['holdOrder', 'extendOrder', 'releaseOrder']
  const record = store as unknown as Record<string, (...args: unknown[]) => unknown>
  return Object.fromEntries(
    [...methods, ...orders].map((name) => [name, record[name]!.bind(store)]),
  ) as unknown as IdempotencyStore
}
