import { afterAll, describe, expect, it } from 'vitest'
import type { ClaimOptions, ClaimResult, IdempotencyStore } from '../store/store.js'
import { describeOrderContract } from './order-contract.js'

export interface StoreContractOptions {
  /**
   * The short lease (ms) the timing tests use; they wait about twice as long. Raise it for a store far
   * away on the network.
   * @default 60
   */
  lease?: number
  /** Called once after the suite with every store it made, to close connections. @default none */
  teardown?: (stores: readonly IdempotencyStore[]) => void | Promise<void>
}

/**
 * The behaviour every `IdempotencyStore` must have, as one vitest suite: run it against your store with a
 * fresh store (or a fresh key prefix) per call of `makeStore`. It uses real short timers, never fake ones,
 * so it holds for stores whose clock is elsewhere (Redis). Keys are unique per run, so a shared server
 * needs no cleanup between runs.
 *
 * ```ts
 * import { describeStoreContract } from '@hookgate/core/testing'
 * describeStoreContract('redis', () => redis({ client }).store, { teardown: () => client.quit() })
 * ```
 */
export function describeStoreContract(
  name: string,
  makeStore: () => IdempotencyStore | Promise<IdempotencyStore>,
  options: StoreContractOptions = {},
): void {
  const lease = options.lease ?? 60
  const lapse = () => sleep(lease * 2)
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`
  let keyCount = 0
  const key = () => `hookgate-contract:${run}:${++keyCount}`
  const claimOptions = (overrides: Partial<ClaimOptions> = {}): ClaimOptions => ({
    payloadHash: 'hash-a',
    lease: 10_000,
    dedupWindow: 10_000,
    ...overrides,
  })
  const made: IdempotencyStore[] = []
  const store = async () => {
    const created = await makeStore()
    made.push(created)
    return created
  }

  describe(`IdempotencyStore contract: ${name}`, () => {
    afterAll(async () => {
      await options.teardown?.(made)
    })

    it('claims an absent id and hands out a token', async () => {
      const s = await store()
      const result = await s.claim(key(), claimOptions())
      expect(result.status).toBe('claimed')
      expect(result.status === 'claimed' && result.token.length > 0).toBe(true)
    })

    it('answers in_progress to a second claim while the lease runs', async () => {
      const s = await store()
      const k = key()
      await s.claim(k, claimOptions())
      expect(await s.claim(k, claimOptions())).toEqual({ status: 'in_progress' })
    })

    it('answers done after complete, for the whole dedup window', async () => {
      const s = await store()
      const k = key()
      const first = await s.claim(k, claimOptions())
      expect(await s.complete(k, tokenOf(first), { dedupWindow: 10_000 })).toBe(true)
      expect(await s.claim(k, claimOptions())).toEqual({ status: 'done' })
    })

    it('answers conflict for the same id with another payload hash, in progress or done', async () => {
      const s = await store()
      const k = key()
      const first = await s.claim(k, claimOptions())
      expect(await s.claim(k, claimOptions({ payloadHash: 'hash-b' }))).toEqual({ status: 'conflict' })
      await s.complete(k, tokenOf(first), { dedupWindow: 10_000 })
      expect(await s.claim(k, claimOptions({ payloadHash: 'hash-b' }))).toEqual({ status: 'conflict' })
    })

    it('grants exactly one of many concurrent claims', async () => {
      const s = await store()
      const k = key()
      const results = await Promise.all(Array.from({ length: 50 }, () => s.claim(k, claimOptions())))
      expect(results.filter((r) => r.status === 'claimed')).toHaveLength(1)
      expect(results.filter((r) => r.status === 'in_progress')).toHaveLength(49)
    })

    it('lets release forget an in-progress claim so the next claim gets a new token', async () => {
      const s = await store()
      const k = key()
      const first = tokenOf(await s.claim(k, claimOptions()))
      expect(await s.release(k, first)).toBe(true)
      const second = await s.claim(k, claimOptions())
      expect(second.status).toBe('claimed')
      expect(tokenOf(second)).not.toBe(first)
    })

    it('never releases a completed id', async () => {
      const s = await store()
      const k = key()
      const token = tokenOf(await s.claim(k, claimOptions()))
      await s.complete(k, token, { dedupWindow: 10_000 })
      expect(await s.release(k, token)).toBe(false)
      expect(await s.claim(k, claimOptions())).toEqual({ status: 'done' })
    })

    it('compares the token on complete, release and extend', async () => {
      const s = await store()
      const k = key()
      await s.claim(k, claimOptions())
      expect(await s.complete(k, 'not-the-token', { dedupWindow: 10_000 })).toBe(false)
      expect(await s.release(k, 'not-the-token')).toBe(false)
      if (s.extend) expect(await s.extend(k, 'not-the-token', { lease: 10_000 })).toBe(false)
      expect(await s.claim(k, claimOptions())).toEqual({ status: 'in_progress' })
    })

    it('answers false for tokens of unknown ids', async () => {
      const s = await store()
      expect(await s.complete(key(), 'token', { dedupWindow: 10_000 })).toBe(false)
      expect(await s.release(key(), 'token')).toBe(false)
      if (s.extend) expect(await s.extend(key(), 'token', { lease: 10_000 })).toBe(false)
    })

    it('completes idempotently for the holder', async () => {
      const s = await store()
      const k = key()
      const token = tokenOf(await s.claim(k, claimOptions()))
      expect(await s.complete(k, token, { dedupWindow: 10_000 })).toBe(true)
      expect(await s.complete(k, token, { dedupWindow: 10_000 })).toBe(true)
    })

    it('lets a second worker take over once the lease lapses, and fences the first out', async () => {
      const s = await store()
      const k = key()
      const first = tokenOf(await s.claim(k, claimOptions({ lease })))
      await lapse()
      const second = await s.claim(k, claimOptions({ lease: 10_000 }))
      expect(second.status).toBe('claimed')
      expect(tokenOf(second)).not.toBe(first)
      expect(await s.complete(k, first, { dedupWindow: 10_000 })).toBe(false)
      expect(await s.release(k, first)).toBe(false)
      if (s.extend) expect(await s.extend(k, first, { lease: 10_000 })).toBe(false)
      expect(await s.complete(k, tokenOf(second), { dedupWindow: 10_000 })).toBe(true)
      expect(await s.claim(k, claimOptions())).toEqual({ status: 'done' })
    })

    it('still honours the holder of a lapsed lease that nobody took over', async () => {
      const s = await store()
      const k = key()
      const token = tokenOf(await s.claim(k, claimOptions({ lease })))
      await lapse()
      expect(await s.complete(k, token, { dedupWindow: 10_000 })).toBe(true)
      expect(await s.claim(k, claimOptions())).toEqual({ status: 'done' })
    })

    it('keeps the conflict check after the lease lapsed', async () => {
      const s = await store()
      const k = key()
      await s.claim(k, claimOptions({ lease }))
      await lapse()
      expect(await s.claim(k, claimOptions({ payloadHash: 'hash-b' }))).toEqual({ status: 'conflict' })
    })

    it('extends a held lease so nobody takes it over', async (context) => {
      const s = await store()
      if (!s.extend) return context.skip()
      const k = key()
      const token = tokenOf(await s.claim(k, claimOptions({ lease })))
      expect(await s.extend(k, token, { lease: lease * 10 })).toBe(true)
      await lapse()
      expect(await s.claim(k, claimOptions())).toEqual({ status: 'in_progress' })
      expect(await s.complete(k, token, { dedupWindow: 10_000 })).toBe(true)
      expect(await s.extend(k, token, { lease: 10_000 })).toBe(false)
    })

    it('forgets a completed id once its dedup window has passed', async () => {
      const s = await store()
      const k = key()
      const token = tokenOf(await s.claim(k, claimOptions({ dedupWindow: lease })))
      await s.complete(k, token, { dedupWindow: lease })
      await lapse()
      expect((await s.claim(k, claimOptions())).status).toBe('claimed')
    })

    it('keeps keys apart, including keys that prefix each other', async () => {
      const s = await store()
      const k = key()
      const token = tokenOf(await s.claim(k, claimOptions()))
      await s.complete(k, token, { dedupWindow: 10_000 })
      expect((await s.claim(`${k}0`, claimOptions())).status).toBe('claimed')
      expect((await s.claim(`${k}:x`, claimOptions({ payloadHash: 'hash-b' }))).status).toBe('claimed')
      expect(await s.release(`${k}0`, token)).toBe(false)
      expect(await s.claim(k, claimOptions())).toEqual({ status: 'done' })
    })

    it('makes a new holder with acquire: a new token and a greater fence, the old token fenced out', async () => {
      const s = await store()
      const k = key()
      const first = claimedOf(await s.claim(k, claimOptions()))
      const taken = claimedOf(await s.acquire(k, first.token, claimOptions()))
      expect(taken.token).not.toBe(first.token)
      expect(taken.fence).toBeGreaterThan(first.fence)
      expect(await s.complete(k, first.token, { dedupWindow: 10_000 })).toBe(false)
      expect(await s.release(k, first.token)).toBe(false)
      if (s.extend) expect(await s.extend(k, first.token, { lease: 10_000 })).toBe(false)
      expect(await s.claim(k, claimOptions())).toEqual({ status: 'in_progress' })
      if (s.extend) expect(await s.extend(k, taken.token, { lease: 10_000 })).toBe(true)
      expect(await s.complete(k, taken.token, { dedupWindow: 10_000 })).toBe(true)
      expect(await s.claim(k, claimOptions())).toEqual({ status: 'done' })
    })

    it('lets only the last of many concurrent acquires complete, each with its own fence', async () => {
      const s = await store()
      const k = key()
      const { token } = claimedOf(await s.claim(k, claimOptions()))
      const taken = (
        await Promise.all(Array.from({ length: 10 }, () => s.acquire(k, token, claimOptions())))
      ).map(claimedOf)
      expect(new Set(taken.map((t) => t.fence)).size).toBe(10)
      const last = taken.reduce((a, b) => (a.fence > b.fence ? a : b))
      for (const holder of taken)
        expect(await s.complete(k, holder.token, { dedupWindow: 10_000 })).toBe(holder === last)
    })

    it('acquires whatever the lease; answers in_progress once another claim holds the id, then done', async () => {
      const s = await store()
      const k = key()
      const first = claimedOf(await s.claim(k, claimOptions({ lease })))
      expect((await s.acquire(k, first.token, claimOptions({ lease }))).status).toBe('claimed')
      await lapse()
      const second = claimedOf(await s.claim(k, claimOptions()))
      expect(await s.acquire(k, first.token, claimOptions())).toEqual({ status: 'in_progress' })
      await s.complete(k, second.token, { dedupWindow: 10_000 })
      expect(await s.acquire(k, first.token, claimOptions())).toEqual({ status: 'done' })
      expect(await s.acquire(k, second.token, claimOptions())).toEqual({ status: 'done' })
      expect(await s.acquire(k, second.token, claimOptions({ payloadHash: 'hash-b' }))).toEqual({
        status: 'conflict',
      })
    })

    it('acquires a claim whose record is gone again, under the same claim', async () => {
      const s = await store()
      const k = key()
      const { token } = claimedOf(await s.claim(k, claimOptions({ lease, dedupWindow: lease })))
      await lapse()
      const again = claimedOf(await s.acquire(k, token, claimOptions()))
      expect(await s.claim(k, claimOptions())).toEqual({ status: 'in_progress' })
      expect(await s.claim(k, claimOptions({ payloadHash: 'hash-b' }))).toEqual({ status: 'conflict' })
      const later = claimedOf(await s.acquire(k, token, claimOptions()))
      expect(later.fence).toBeGreaterThan(again.fence)
      expect(await s.complete(k, later.token, { dedupWindow: 10_000 })).toBe(true)
    })

    it('only ever hands out greater fences for an id: across claims, acquires, releases and expiry', async () => {
      const s = await store()
      const k = key()
      const fences: number[] = []
      const first = claimedOf(await s.claim(k, claimOptions()))
      const taken = claimedOf(await s.acquire(k, first.token, claimOptions()))
      await s.release(k, taken.token)
      const second = claimedOf(await s.claim(k, claimOptions({ dedupWindow: lease })))
      await s.complete(k, second.token, { dedupWindow: lease })
      await lapse()
      const third = claimedOf(await s.claim(k, claimOptions()))
      fences.push(first.fence, taken.fence, second.fence, third.fence)
      expect(fences).toEqual([...fences].sort((a, b) => a - b))
      expect(new Set(fences).size).toBe(fences.length)
    })

    it('peeks, when it can, what claim would answer without taking anything', async (context) => {
      const s = await store()
      if (!s.peek) return context.skip()
      const k = key()
      expect(s.peek(k, 'hash-a')).toBeUndefined()
      const token = tokenOf(await s.claim(k, claimOptions({ lease })))
      expect(s.peek(k, 'hash-a')).toBe('in_progress')
      expect(s.peek(k, 'hash-b')).toBe('conflict')
      await lapse()
      expect(s.peek(k, 'hash-a')).toBeUndefined()
      await s.complete(k, token, { dedupWindow: 10_000 })
      expect(s.peek(k, 'hash-a')).toBe('done')
    })
    describeOrderContract({ store, key, lease, lapse })
  })
}

function claimedOf(result: ClaimResult): Extract<ClaimResult, { status: 'claimed' }> {
  if (result.status !== 'claimed') throw new Error(`expected a claim, got ${result.status}`)
  return result
}

const tokenOf = (result: ClaimResult): string => claimedOf(result).token

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
