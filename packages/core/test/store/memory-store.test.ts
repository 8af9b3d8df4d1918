import { createHash } from 'node:crypto'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { memoryStore } from '@hookgate/core'
import { describeStoreContract } from '@hookgate/core/testing'
import { describe, expect, it } from 'vitest'

describeStoreContract('memoryStore', () => memoryStore())

describe('memoryStore', () => {
  const options = { payloadHash: 'h', lease: 1_000, dedupWindow: 1_000 }

  it('forgets the least recently used ids beyond max', async () => {
    const store = memoryStore({ max: 2 })
    for (const key of ['a', 'b', 'c']) await store.claim(key, options)
    expect((await store.claim('a', options)).status).toBe('claimed')
    expect((await store.claim('c', options)).status).toBe('in_progress')
  })

  it('runs on the injected clock, for the lease and for the dedup window', async () => {
    let now = 1_000_000
    const store = memoryStore({ now: () => now })
    const first = await store.claim('k', options)
    now += 1_001
    const second = await store.claim('k', { ...options, dedupWindow: 5_000 })
    expect(second.status).toBe('claimed')
    if (second.status !== 'claimed' || first.status !== 'claimed') throw new Error('unreachable')
    expect(await store.complete('k', second.token, { dedupWindow: 5_000 })).toBe(true)
    now += 4_999
    expect(await store.claim('k', options)).toEqual({ status: 'done' })
    now += 2
    expect((await store.claim('k', options)).status).toBe('claimed')
  })

  it('keeps an in-progress id at least as long as its extended lease', async () => {
    let now = 0
    const store = memoryStore({ now: () => now })
    const claim = await store.claim('k', { payloadHash: 'h', lease: 100, dedupWindow: 100 })
    if (claim.status !== 'claimed') throw new Error('unreachable')
    expect(await store.extend?.('k', claim.token, { lease: 10_000 })).toBe(true)
    now += 5_000
    expect(await store.claim('k', options)).toEqual({ status: 'in_progress' })
  })
})

describe('memoryStore: a completed id', () => {
  const options = { payloadHash: 'h', lease: 1_000, dedupWindow: 1_000 }

  it('still knows its holder: true for a repeated complete, false for a holder fenced out', async () => {
    let now = 0
    const store = memoryStore({ now: () => now })
    const first = await store.claim('k', options)
    now += 1_001
    const second = await store.claim('k', options)
    if (first.status !== 'claimed' || second.status !== 'claimed') throw new Error('unreachable')
    expect(await store.complete('k', second.token, { dedupWindow: 5_000 })).toBe(true)
    expect(await store.complete('k', second.token, { dedupWindow: 5_000 })).toBe(true)
    expect(await store.complete('k', first.token, { dedupWindow: 5_000 })).toBe(false)
    // A token that is a prefix of the holder's (1 of 12), or longer, is not the holder's.
    expect(await store.complete('k', `${second.token}0`, { dedupWindow: 5_000 })).toBe(false)
    expect(await store.complete('k', second.token.slice(0, -1), { dedupWindow: 5_000 })).toBe(false)
    expect(await store.claim('k', options)).toEqual({ status: 'done' })
  })

  it('compares the whole payload hash, whatever characters it holds', async () => {
    const store = memoryStore()
    const hash = 'a:b:c'
    const claim = await store.claim('k', { ...options, payloadHash: hash })
    if (claim.status !== 'claimed') throw new Error('unreachable')
    await store.complete('k', claim.token, { dedupWindow: 5_000 })
    expect(store.peek?.('k', hash)).toBe('done')
    for (const other of ['b:c', ':b:c', 'a:b', `x${hash}`, `${claim.token}:${hash}`, ''])
      expect(store.peek?.('k', other), other).toBe('conflict')
  })

  it('keeps under 150 bytes per id besides the key (one flat string: no token object, no lease)', async () => {
    const gc = collectGarbage()
    const ids = 50_000
    // Keys as the receiver makes them (flat namespaced ids), alive before and after: not counted.
    const keys = Array.from({ length: ids }, (_, i) =>
      ['stripe:', `evt_${String(i).padStart(24, '0')}`].join(''),
    )
    const hash = (key: string) => createHash('sha1').update(key).digest('base64url')
    gc()
    const before = process.memoryUsage()
    const store = memoryStore({ max: ids })
    for (const key of keys) {
      const claim = await store.claim(key, { ...options, payloadHash: hash(key) })
      if (claim.status !== 'claimed') throw new Error('unreachable')
      await store.complete(key, claim.token, { dedupWindow: 60_000 })
    }
    gc()
    const after = process.memoryUsage()
    const perId = (after.heapUsed + after.external - before.heapUsed - before.external) / ids
    // ~125 bytes: the LRU's slots and map entry, and the completed entry's string. An entry object with
    // its own token string and the hash beside it took ~210.
    expect(perId).toBeLessThan(150)
    expect(store.peek?.(keys[0]!, hash(keys[0]!))).toBe('done')
  })
})

/** `gc()` without starting the test process with --expose-gc. */
function collectGarbage(): () => void {
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as () => void
  return () => {
    gc()
    gc()
  }
}
