import { expect, it } from 'vitest'
import type { IdempotencyStore, OrderHold } from '../store/store.js'

/** What the store contract hands the order-key tests: its store maker, fresh keys, and its short lease. */
export interface OrderContractContext {
  store: () => Promise<IdempotencyStore>
  key: () => string
  lease: number
  lapse: () => Promise<unknown>
}

/**
 * The order-key methods (`holdOrder`, `extendOrder`, `releaseOrder`), as part of the store contract: each
 * test is skipped for a store without them (ordering options are then refused).
 */
export function describeOrderContract({ store, key, lease, lapse }: OrderContractContext): void {
  const ordered = async (context: { skip: () => void }) => {
    const s = await store()
    if (!s.holdOrder || !s.extendOrder || !s.releaseOrder) context.skip()
    return s as Required<Pick<IdempotencyStore, 'holdOrder' | 'extendOrder' | 'releaseOrder'>> &
      IdempotencyStore
  }
  const retain = 10_000
  const long = { lease: 10_000, retain }

  it('holds an order key for one holder at a time, with a token and a fence', async (context) => {
    const s = await ordered(context)
    const k = key()
    const first = heldOf(await s.holdOrder(k, long))
    expect(first.version).toBeUndefined()
    expect(await s.holdOrder(k, long)).toEqual({ status: 'busy' })
    expect(await s.releaseOrder(k, first.token, { version: undefined, retain })).toBe(true)
    const second = heldOf(await s.holdOrder(k, long))
    expect(second.token).not.toBe(first.token)
    expect(second.fence).toBeGreaterThan(first.fence)
  })

  it('grants exactly one of many concurrent holds of a key', async (context) => {
    const s = await ordered(context)
    const k = key()
    const results = await Promise.all(Array.from({ length: 20 }, () => s.holdOrder(k, long)))
    expect(results.filter((r) => r.status === 'held')).toHaveLength(1)
  })

  it('keeps order keys apart from claims and from each other', async (context) => {
    const s = await ordered(context)
    const k = key()
    heldOf(await s.holdOrder(k, long))
    heldOf(await s.holdOrder(`${k}0`, long))
    expect((await s.claim(k, { payloadHash: 'hash-a', lease: 10_000, dedupWindow: 10_000 })).status).toBe(
      'claimed',
    )
  })

  it('lets another holder take a key whose lease lapsed, with a greater fence, and fences the first out', async (context) => {
    const s = await ordered(context)
    const k = key()
    const first = heldOf(await s.holdOrder(k, { lease, retain }))
    await lapse()
    const second = heldOf(await s.holdOrder(k, long))
    expect(second.fence).toBeGreaterThan(first.fence)
    expect(await s.extendOrder(k, first.token, long)).toBe(false)
    expect(await s.releaseOrder(k, first.token, { version: 9, retain })).toBe(false)
    expect(await s.extendOrder(k, second.token, long)).toBe(true)
    expect(await s.releaseOrder(k, second.token, { version: 1, retain })).toBe(true)
    expect(heldOf(await s.holdOrder(k, long)).version).toBe(1)
  })

  it('extends a held key so nobody takes it, and still frees it after a lapse nobody used', async (context) => {
    const s = await ordered(context)
    const k = key()
    const held = heldOf(await s.holdOrder(k, { lease, retain }))
    expect(await s.extendOrder(k, held.token, { lease: lease * 10 })).toBe(true)
    await lapse()
    expect(await s.holdOrder(k, long)).toEqual({ status: 'busy' })
    const other = key()
    const lapsed = heldOf(await s.holdOrder(other, { lease, retain }))
    await lapse()
    expect(await s.releaseOrder(other, lapsed.token, { version: 3, retain })).toBe(true)
    expect(heldOf(await s.holdOrder(other, long)).version).toBe(3)
  })

  it('records a version only when greater, and answers the last one to the next holder', async (context) => {
    const s = await ordered(context)
    const k = key()
    const versions: (number | undefined)[] = []
    for (const version of [5, 3, undefined, 5, 7.5, 1_700_000_000_123]) {
      const held = heldOf(await s.holdOrder(k, long))
      versions.push(held.version)
      expect(await s.releaseOrder(k, held.token, { version, retain })).toBe(true)
    }
    expect(versions).toEqual([undefined, 5, 5, 5, 5, 7.5])
    expect(heldOf(await s.holdOrder(k, long)).version).toBe(1_700_000_000_123)
  })

  it('forgets a version once it was not used for `retain` ms', async (context) => {
    const s = await ordered(context)
    const k = key()
    const held = heldOf(await s.holdOrder(k, long))
    await s.releaseOrder(k, held.token, { version: 4, retain: lease })
    await lapse()
    expect(heldOf(await s.holdOrder(k, long)).version).toBeUndefined()
  })

  it('draws order fences and claim fences from one counter', async (context) => {
    const s = await ordered(context)
    const claimed = await s.claim(key(), { payloadHash: 'hash-a', lease: 10_000, dedupWindow: 10_000 })
    const held = heldOf(await s.holdOrder(key(), long))
    expect(claimed.status === 'claimed' && held.fence > claimed.fence).toBe(true)
  })
}

function heldOf(result: OrderHold): Extract<OrderHold, { status: 'held' }> {
  if (result.status !== 'held') throw new Error(`expected to hold the key, got ${result.status}`)
  return result
}
