import { memoryStore } from '@hookgate/core'
import { describeStoreContract } from '@hookgate/core/testing'
import { describe, expect, it } from 'vitest'

describeStoreContract('memoryStore', () => memoryStore())

describe('memoryStore', () => {
  const options = { payloadHash: 'h', lease: 1_000, ttl: 1_000 }

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
    const second = await store.claim('k', { ...options, ttl: 5_000 })
    expect(second.status).toBe('claimed')
    if (second.status !== 'claimed' || first.status !== 'claimed') throw new Error('unreachable')
    expect(await store.complete('k', second.token, { ttl: 5_000 })).toBe(true)
    now += 4_999
    expect(await store.claim('k', options)).toEqual({ status: 'done' })
    now += 2
    expect((await store.claim('k', options)).status).toBe('claimed')
  })

  it('keeps an in-progress id at least as long as its extended lease', async () => {
    let now = 0
    const store = memoryStore({ now: () => now })
    const claim = await store.claim('k', { payloadHash: 'h', lease: 100, ttl: 100 })
    if (claim.status !== 'claimed') throw new Error('unreachable')
    expect(await store.extend?.('k', claim.token, { lease: 10_000 })).toBe(true)
    now += 5_000
    expect(await store.claim('k', options)).toEqual({ status: 'in_progress' })
  })
})
