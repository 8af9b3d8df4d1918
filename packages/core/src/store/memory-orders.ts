import { LRUCache } from 'lru-cache'
import type { OrderHold } from './store.js'

/** One order key: who holds it until when (while held), and the last version applied for it. */
interface OrderRecord {
  token: string | undefined
  leaseUntil: number
  version: number | undefined
}

/**
 * The order keys of the memory store (`holdOrder`, `extendOrder`, `releaseOrder`), in a bounded LRU map of
 * their own so claims never evict them, on the store's clock and fence counter.
 */
export class MemoryOrders {
  readonly #records: LRUCache<string, OrderRecord>
  readonly #now: () => number
  readonly #nextFence: () => number

  constructor(max: number, now: () => number, nextFence: () => number) {
    this.#now = now
    this.#nextFence = nextFence
    this.#records = new LRUCache<string, OrderRecord>({ max, perf: { now }, ttlResolution: 0 })
  }

  hold(key: string, { lease, retain }: { lease: number; retain: number }): OrderHold {
    const record = this.#records.get(key)
    const now = this.#now()
    if (record?.token !== undefined && record.leaseUntil > now) return { status: 'busy' }
    const fence = this.#nextFence()
    const token = String(fence)
    const held: OrderRecord = { token, leaseUntil: now + lease, version: record?.version }
    // lru-cache reads a TTL of 0 as "forever": at least 1 ms.
    this.#records.set(key, held, { ttl: Math.max(1, lease, retain) })
    return { status: 'held', token, fence, version: held.version }
  }

  extend(key: string, token: string, { lease }: { lease: number }): boolean {
    const record = this.#records.get(key)
    if (record?.token !== token) return false
    record.leaseUntil = this.#now() + lease
    if (this.#records.getRemainingTTL(key) < lease)
      this.#records.set(key, record, { ttl: Math.max(1, lease) })
    return true
  }

  release(
    key: string,
    token: string,
    { version, retain }: { version: number | undefined; retain: number },
  ): boolean {
    const record = this.#records.get(key)
    if (record?.token !== token) return false
    if (version !== undefined && (record.version === undefined || version > record.version))
      record.version = version
    // A key without a version has nothing left to remember.
    if (record.version === undefined) this.#records.delete(key)
    else
      this.#records.set(
        key,
        { token: undefined, leaseUntil: 0, version: record.version },
        { ttl: Math.max(1, retain) },
      )
    return true
  }
}
