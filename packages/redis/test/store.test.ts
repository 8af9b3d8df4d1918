import { type AddressInfo, createServer, type Server, type Socket } from 'node:net'
import { StoreUnavailableError } from '@hookgate/core'
import { redis } from '@hookgate/redis'
import { Redis } from 'ioredis'
import { describe, expect, it } from 'vitest'
import { useRedis } from './redis.js'

const prefix = 'test-redis-store'
let client: Redis
useRedis(prefix, (connected) => {
  client = connected
})

const options = { payloadHash: 'h1', lease: 10_000, dedupWindow: 60_000 }
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('the redis store', () => {
  it('keeps the claim in one hash under the namespaced, hash-tagged key', async () => {
    const store = redis({ client, prefix }).store
    const claim = await store.claim('stripe:evt_1', options)
    expect(claim.status).toBe('claimed')
    const record = await client.hgetall(`{${prefix}}:claim:stripe:evt_1`)
    expect(record).toMatchObject({ s: 'in_progress', h: 'h1' })
    expect(claim.status === 'claimed' && record.t).toBe(claim.status === 'claimed' && claim.token)
    // The lease deadline is on Redis's clock.
    const [seconds] = await client.time()
    expect(Number(record.u) - Number(seconds) * 1000).toBeGreaterThan(9_000)
    expect(await client.pttl(`{${prefix}}:claim:stripe:evt_1`)).toBeGreaterThan(59_000)
  })

  it('draws fences from one counter per namespace; acquire moves the holder, the claim token stays', async () => {
    const store = redis({ client, prefix }).store
    const key = `{${prefix}}:claim:k`
    const claim = await store.claim('k', options)
    if (claim.status !== 'claimed') throw new Error('unreachable')
    expect(await client.get(`{${prefix}}:fence`)).toBe(String(claim.fence))
    const taken = await store.acquire('k', claim.token, options)
    if (taken.status !== 'claimed') throw new Error('unreachable')
    expect(await client.hgetall(key)).toMatchObject({
      c: claim.token,
      t: taken.token,
      f: String(taken.fence),
    })
    expect(taken.fence).toBe(claim.fence + 1)
    await store.complete('k', taken.token, { dedupWindow: 1_000 })
    // A completed id is never acquired again: its claim token is not kept for the whole window.
    expect(await client.hgetall(key)).toMatchObject({ s: 'done', t: taken.token })
    expect(await client.hexists(key, 'c')).toBe(0)
  })

  it('a token whose lease was taken over can neither complete, release nor extend', async () => {
    const store = redis({ client, prefix }).store
    const first = await store.claim('k', { ...options, lease: 50 })
    await sleep(80)
    const second = await store.claim('k', options)
    expect(second.status).toBe('claimed')
    if (first.status !== 'claimed' || second.status !== 'claimed') throw new Error('unreachable')
    expect(await store.complete('k', first.token, { dedupWindow: 1_000 })).toBe(false)
    expect(await store.release('k', first.token)).toBe(false)
    expect(await store.extend?.('k', first.token, { lease: 1_000 })).toBe(false)
    expect(await store.claim('k', options)).toEqual({ status: 'in_progress' })
    expect(await store.complete('k', second.token, { dedupWindow: 1_000 })).toBe(true)
    expect(await store.claim('k', options)).toEqual({ status: 'done' })
  })

  it('a completed claim is forgotten when its dedup window runs out', async () => {
    const store = redis({ client, prefix }).store
    const first = await store.claim('k', options)
    if (first.status !== 'claimed') throw new Error('unreachable')
    await store.complete('k', first.token, { dedupWindow: 50 })
    expect(await store.claim('k', options)).toEqual({ status: 'done' })
    await sleep(80)
    expect((await store.claim('k', options)).status).toBe('claimed')
  })

  it('extend keeps a long handler from being taken over', async () => {
    const store = redis({ client, prefix }).store
    const first = await store.claim('k', { ...options, lease: 60 })
    if (first.status !== 'claimed') throw new Error('unreachable')
    await sleep(30)
    expect(await store.extend?.('k', first.token, { lease: 500 })).toBe(true)
    await sleep(60)
    expect(await store.claim('k', options)).toEqual({ status: 'in_progress' })
  })

  it('reports a different payload under a known id as a conflict, whatever its state', async () => {
    const store = redis({ client, prefix }).store
    const first = await store.claim('k', options)
    expect(await store.claim('k', { ...options, payloadHash: 'h2' })).toEqual({ status: 'conflict' })
    if (first.status !== 'claimed') throw new Error('unreachable')
    await store.complete('k', first.token, { dedupWindow: 1_000 })
    expect(await store.claim('k', { ...options, payloadHash: 'h2' })).toEqual({ status: 'conflict' })
  })

  it('rejects a prefix that would break the hash tag', () => {
    expect(() => redis({ client, prefix: 'a}b' })).toThrow(/^prefix must be/)
  })
})

describe('the redis store when Redis does not answer', () => {
  it('fails with StoreUnavailableError within the timeout, even with ioredis defaults (offline queue on)', async () => {
    // Accepts connections and never replies: a hung Redis, as seen from the client.
    const sockets = new Set<Socket>()
    const blackHole = createServer((socket) => sockets.add(socket))
    const port = await listen(blackHole)
    const hung = new Redis({ port, host: '127.0.0.1' })
    hung.on('error', () => {})
    try {
      const store = redis({ client: hung, prefix, timeout: '300ms' }).store
      const started = Date.now()
      await expect(store.claim('k', options)).rejects.toBeInstanceOf(StoreUnavailableError)
      expect(Date.now() - started).toBeLessThan(600)
    } finally {
      hung.disconnect()
      for (const socket of sockets) socket.destroy()
      blackHole.close()
    }
  })

  it('fails with StoreUnavailableError at once when nothing listens and the offline queue is off', async () => {
    const closed = createServer()
    const port = await listen(closed)
    await new Promise((resolve) => closed.close(resolve))
    const down = new Redis({ port, host: '127.0.0.1', enableOfflineQueue: false })
    down.on('error', () => {})
    try {
      const store = redis({ client: down, prefix }).store
      const started = Date.now()
      await expect(store.claim('k', options)).rejects.toBeInstanceOf(StoreUnavailableError)
      expect(Date.now() - started).toBeLessThan(1_000)
    } finally {
      down.disconnect()
    }
  })
})

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  )
}
