import { LRUCache } from 'lru-cache'
import { MemoryOrders } from './memory-orders.js'
import type { ClaimOptions, ClaimResult, ClaimStatus, IdempotencyStore, OrderHold } from './store.js'

export interface MemoryStoreOptions {
  /**
   * Most ids remembered at once; the least recently used are forgotten first. Size it above the number of
   * deliveries you receive within one dedup window, or old ids are forgotten early.
   * @default 100_000
   */
  max?: number
  /**
   * The clock, in ms since the epoch; inject (or fake `Date`) in tests.
   * @default Date.now
   */
  now?: () => number
}

/** An id being processed: its payload, which claim and which holder have it, and until when. */
interface InProgress {
  payloadHash: string
  /** The token `claim` handed out: what its job carries, and what `acquire` recognises the claim by. */
  claim: string
  /** The current holder's token (the claim's own until an `acquire`). */
  token: string
  fence: number
  leaseUntil: number
}

/**
 * A completed id, as one flat string `<token>:<payloadHash>`: the least memory V8 can hold it in (no object,
 * no lease, one string header). The store remembers hundreds of thousands of these, and only the hash (is
 * a new delivery the same payload?) and the token (is a repeated `complete` from the holder?) still matter.
 * Tokens are decimal counters, so the first `:` ends the token.
 */
type Completed = string

/**
 * The default idempotency store: a bounded LRU map in this process. Right for one process; several
 * instances behind a load balancer need a shared store (`@hookgate/redis`), or each dedups alone.
 */
export function memoryStore(options: MemoryStoreOptions = {}): IdempotencyStore {
  // Read `Date.now` at each call, not once, so fake timers installed later still apply.
  return new MemoryStore(options.max ?? 100_000, options.now ?? (() => Date.now()))
}

class MemoryStore implements IdempotencyStore {
  readonly #entries: LRUCache<string, InProgress | Completed>
  readonly #now: () => number
  /** What `markSeen` recorded: a few keys (one per watched sender), never evicted. */
  readonly #seen = new Map<string, number>()
  // Tokens only have to be unique within this store, so a counter beats a random UUID; it is the fence too,
  // which must grow with every new holder of any id.
  #counter = 0
  /** Made at the first `holdOrder`: a store nobody orders with keeps no second map. */
  #orders: MemoryOrders | undefined
  readonly #max: number

  constructor(max: number, now: () => number) {
    this.#now = now
    this.#max = max
    // The LRU's own TTL (on our clock, so faked time works) is the dedup window: an entry past it is gone.
    this.#entries = new LRUCache<string, InProgress | Completed>({ max, perf: { now }, ttlResolution: 0 })
  }

  peek(key: string, payloadHash: string): Exclude<ClaimStatus, 'claimed'> | undefined {
    const entry = this.#entries.get(key)
    if (entry === undefined) return undefined
    if (typeof entry === 'string') return hasHash(entry, payloadHash) ? 'done' : 'conflict'
    if (entry.payloadHash !== payloadHash) return 'conflict'
    return entry.leaseUntil > this.#now() ? 'in_progress' : undefined
  }

  // Every method answers synchronously: no promise, no microtask turn on the hot path.
  markSeen(key: string, at: number): void {
    this.#seen.set(key, at)
  }

  lastSeen(key: string): number | undefined {
    return this.#seen.get(key)
  }

  claim(key: string, { payloadHash, lease, dedupWindow }: ClaimOptions): ClaimResult {
    const known = this.peek(key, payloadHash)
    if (known !== undefined) return { status: known }
    return this.#start(key, payloadHash, undefined, lease, dedupWindow)
  }

  acquire(key: string, claim: string, { payloadHash, lease, dedupWindow }: ClaimOptions): ClaimResult {
    const entry = this.#entries.get(key)
    // Gone while its job waited (evicted, or older than the window): claimed again, under the same claim.
    if (entry === undefined) return this.#start(key, payloadHash, claim, lease, dedupWindow)
    if (typeof entry === 'string') return { status: hasHash(entry, payloadHash) ? 'done' : 'conflict' }
    if (entry.payloadHash !== payloadHash) return { status: 'conflict' }
    if (entry.claim !== claim) return { status: 'in_progress' }
    const fence = ++this.#counter
    entry.token = String(fence)
    entry.fence = fence
    this.#lease(key, entry, lease)
    return { status: 'claimed', token: entry.token, fence }
  }

  /** A new in-progress record; `claim` is its claim's token, or undefined for a new claim. */
  #start(
    key: string,
    payloadHash: string,
    claim: string | undefined,
    lease: number,
    dedupWindow: number,
  ): ClaimResult {
    const fence = ++this.#counter
    const token = String(fence)
    const entry: InProgress = {
      payloadHash,
      claim: claim ?? token,
      token,
      fence,
      leaseUntil: this.#now() + lease,
    }
    this.#entries.set(key, entry, { ttl: lruTtl(Math.max(dedupWindow, lease)) })
    return { status: 'claimed', token, fence }
  }

  complete(key: string, token: string, { dedupWindow }: { dedupWindow: number }): boolean {
    const entry = this.#entries.get(key)
    if (typeof entry === 'string') return hasToken(entry, token)
    if (entry?.token !== token) return false
    // Array#join builds a flat string; `+` would keep a rope of both parts alive for the whole window.
    const completed: Completed = [token, entry.payloadHash].join(':')
    // Set anew, which also restarts the TTL: the window counts from completion.
    this.#entries.set(key, completed, { ttl: lruTtl(dedupWindow) })
    return true
  }

  release(key: string, token: string): boolean {
    const entry = this.#inProgress(key, token)
    if (entry === undefined) return false
    this.#entries.delete(key)
    return true
  }

  extend(key: string, token: string, { lease }: { lease: number }): boolean {
    const entry = this.#inProgress(key, token)
    if (entry === undefined) return false
    this.#lease(key, entry, lease)
    return true
  }

  holdOrder(key: string, options: { lease: number; retain: number }): OrderHold {
    this.#orders ??= new MemoryOrders(this.#max, this.#now, () => ++this.#counter)
    return this.#orders.hold(key, options)
  }

  extendOrder(key: string, token: string, options: { lease: number }): boolean {
    return this.#orders?.extend(key, token, options) ?? false
  }

  releaseOrder(
    key: string,
    token: string,
    options: { version: number | undefined; retain: number },
  ): boolean {
    return this.#orders?.release(key, token, options) ?? false
  }

  #lease(key: string, entry: InProgress, lease: number): void {
    entry.leaseUntil = this.#now() + lease
    // An in-progress id is remembered at least as long as its lease.
    if (this.#entries.getRemainingTTL(key) < lease) this.#entries.set(key, entry, { ttl: lruTtl(lease) })
  }

  /** The claim on `key` while `token` holds it and it is not completed. */
  #inProgress(key: string, token: string): InProgress | undefined {
    const entry = this.#entries.get(key)
    return typeof entry === 'object' && entry.token === token ? entry : undefined
  }
}

// Both compare in place: a duplicate costs no string slicing. The first `:` is where the token ends.
const hasToken = (completed: Completed, token: string) =>
  completed.indexOf(':') === token.length && completed.startsWith(token)
const hasHash = (completed: Completed, payloadHash: string) =>
  completed.indexOf(':') === completed.length - payloadHash.length - 1 && completed.endsWith(payloadHash)

/** lru-cache reads a TTL of 0 as "forever"; a zero-length window must mean "forget at once". */
const lruTtl = (ms: number) => Math.max(1, ms)
