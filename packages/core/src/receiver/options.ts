import { type RetryOptions, type RetryPolicy, retryPolicy } from '../dispatch/backoff.js'
import type { HandoffQueue } from '../dispatch/queue.js'
import { type Duration, toMs } from '../duration.js'
import type { WebhookEvent } from '../event.js'
import {
  type Ordering,
  type OrderingOptions,
  refuseUnsupportedOrdering,
  resolveOrdering,
} from '../handlers/ordering.js'
import type { Logger, ReceiverHooks } from '../observe/hooks.js'
import type { Provider } from '../schemes/scheme.js'
import type { IdempotencyStore } from '../store/store.js'
import { refuseUnusedStoreTimeout } from './bounded.js'
import { receiverDefaults } from './defaults.js'
import type { Guard } from './guards.js'

export interface ReceiverOptions {
  /**
   * Who sends: `stripe({ secret })`, `github({ secret })`, ...
   * @default none: required
   */
  provider: Provider
  /**
   * Remembers ids. `memoryStore()` serves one process only; use `@hookgate/redis` for several.
   * @default memoryStore()
   */
  store?: IdempotencyStore
  /**
   * Where acknowledged deliveries wait for a handler. The memory queue is consumed by this receiver; a
   * durable queue (`@hookgate/redis`) is consumed only where `receiver.work()` is called.
   * @default memoryQueue()
   */
  queue?: HandoffQueue
  /**
   * How long a processed id is remembered: a duplicate within it is answered 200 `duplicate` and runs no
   * handler. It must cover every retry of the sender, hence its default.
   * @default the provider's `retryHorizon` (Stripe 3 d, Slack 1 h, ...)
   */
  dedupWindow?: Duration
  /**
   * How long a claim holds without renewal before another worker may take the delivery over. Running
   * handlers and waiting retries renew it, so it only decides how soon a crashed holder's work is taken
   * over.
   * @default '1m'
   */
  lease?: Duration
  /**
   * When the sender is answered. `'queued'`: 202 once the delivery is claimed and queued; handlers run
   * after, with retries. `'handled'`: once the handlers finished (200, or 500 so the sender retries).
   * @default 'queued'
   */
  ack?: 'queued' | 'handled'
  /**
   * How failed attempts are retried (ack: 'queued').
   * @default { attempts: 8, backoff: 'exponential', baseDelay: '1s', maxDelay: '1h' }
   */
  retry?: RetryOptions
  /**
   * Handler attempts run at once by this process.
   * @default 16
   */
  concurrency?: number
  /**
   * How many accepted deliveries may wait or run, not yet handled, before new ones are refused with 503
   * `queue_full` and `Retry-After`: nothing is claimed, so the sender's retry is processed once there is
   * room. It bounds the memory a burst with slow handlers takes (the memory queue holds every body), and
   * on a durable queue the length of its stream, checked in the claim's own round trip. The default is
   * `memory` on the memory queue, `durable` on a durable one.
   * @default { memory: 1000, durable: 100000 }
   */
  maxPending?: number
  /**
   * The `orderKey` and `version` of every handler that gives none of its own (see `OrderingOptions`):
   * events of one key run one at a time across workers, and an event older than the last one applied for
   * its key is not handled (`stale`). Needs a store with order keys (memory, Redis) and ack: 'queued'.
   * @default none: no ordering
   */
  ordering?: OrderingOptions
  /**
   * The dedup id of deliveries that carry none (plain HMAC senders): a hash of the body, or a field.
   * Only asked when the provider gives no id; without it such deliveries get 400 `missing_id`.
   * @default none
   */
  key?: (event: WebhookEvent) => string | undefined
  /**
   * The tenant a delivery belongs to, for one receiver serving many customers (each with its own secret,
   * given to the provider as a resolver): from the path (`event.url`), a header or the payload. It is put
   * on `event.tenant` and namespaces dedup keys, so two tenants' identical ids never collide. A delivery
   * it names no tenant for is refused 401 `unknown_tenant`.
   * @default none: every delivery is of one tenant
   */
  tenant?: (event: WebhookEvent) => string | undefined
  /**
   * Put before every dedup key (`namespace:providerName:id`), for apps sharing one store.
   * @default none
   */
  namespace?: string
  /**
   * A payload failing a schema: `'reject'` answers 400; `'dead-letter'` answers 202 and parks it.
   * @default 'reject'
   */
  invalidPayload?: 'reject' | 'dead-letter'
  /**
   * A type no handler (not even `'*'`) is registered for: `'ignore'` answers 200 `ignored` (warned once
   * per type, and told to `hooks.onIgnored`); `'dead-letter'` accepts it into the dead letters, to replay
   * once a handler exists.
   * @default 'ignore'
   */
  unknownType?: 'ignore' | 'dead-letter'
  /**
   * The store fails or times out: `'reject'` answers 503 so the sender retries later; `'accept'` hands the
   * delivery off unclaimed, preferring a possible duplicate to a delay.
   * @default 'reject'
   */
  storeFailure?: 'reject' | 'accept'
  /**
   * The longest a call of a store or queue that declares no `timeout` of its own may take before it counts
   * as failed. A store or queue that declares one (the Redis ones: `redis({ timeout })`) enforces it itself
   * and is not timed here; giving `storeTimeout` while both the store and the queue declare one is an error.
   * @default '2s'
   */
  storeTimeout?: Duration
  /**
   * pino, console, or anything with `info`, `warn`, `error`.
   * @default warnings and errors to the console
   */
  logger?: Logger
  /**
   * Observers of each step, for metrics and traces.
   * @default none
   */
  hooks?: ReceiverHooks
  /**
   * Checks run, in order, before anything else (before any hashing or parsing): an allowlist of sender
   * addresses, per-address rate and failure limits (`@hookgate/guard`). A refusal is the answer; a guard
   * that fails is skipped with a warning, since signatures still decide what is accepted.
   * @default none
   */
  guards?: readonly Guard[]
}

/** Options checked once, with every default filled in. */
export interface ResolvedOptions {
  provider: Provider
  store: IdempotencyStore
  queue: HandoffQueue
  /** ms a completed id is remembered. */
  dedupWindow: number
  lease: number
  /** ack: 'handled'. */
  ackWhenHandled: boolean
  retry: RetryPolicy
  concurrency: number
  maxPending: number
  /** What handlers without ordering options of their own are ordered by. */
  ordering: Ordering | undefined
  key: ((event: WebhookEvent) => string | undefined) | undefined
  tenant: ((event: WebhookEvent) => string | undefined) | undefined
  /** `namespace:providerName:`, put before every id. */
  keyNamespace: string
  deadLetterInvalid: boolean
  deadLetterUnknown: boolean
  acceptOnStoreFailure: boolean
  storeTimeout: number
  logger: Logger
  hooks: ReceiverHooks
  guards: readonly Guard[]
}

const noHooks: ReceiverHooks = Object.freeze({})
const noGuards: readonly Guard[] = Object.freeze([])

export function resolveOptions(options: ReceiverOptions): ResolvedOptions {
  const d = receiverDefaults
  const provider = options.provider
  if (provider === undefined) throw new TypeError('createReceiver needs a provider, e.g. stripe({ secret })')
  const concurrency = wholeNumber(options.concurrency ?? d.concurrency, 1, 'concurrency')
  const queue = options.queue ?? d.queue()
  const dedupWindow = toMs(options.dedupWindow ?? provider.retryHorizon, 'dedupWindow')
  const logger = options.logger ?? d.logger
  if (provider.tolerance !== undefined && dedupWindow < provider.tolerance) {
    logger.warn(
      { dedupWindowMs: dedupWindow, toleranceMs: provider.tolerance },
      "dedupWindow is shorter than the provider's tolerance: a captured delivery can be replayed once its id is forgotten while its signature is still fresh",
    )
  }
  refuseUnusedStoreTimeout(options)
  const store = options.store ?? d.store()
  const ackWhenHandled = oneOf(options.ack, d.ack, ['queued', 'handled'], 'ack') === 'handled'
  const ordering = resolveOrdering(options.ordering, d.ordering, 'createReceiver: ordering')
  if (ordering) refuseUnsupportedOrdering(store, ackWhenHandled, ordering, 'createReceiver: ordering')
  return {
    provider,
    store,
    queue,
    dedupWindow,
    lease: positive(toMs(options.lease ?? d.lease, 'lease'), 'lease'),
    ackWhenHandled,
    retry: retryPolicy(options.retry),
    concurrency,
    maxPending: wholeNumber(
      options.maxPending ?? d.maxPending[queue.durable ? 'durable' : 'memory'],
      1,
      'maxPending',
    ),
    ordering,
    key: options.key,
    tenant: options.tenant,
    keyNamespace: `${options.namespace ? `${options.namespace}:` : ''}${provider.name}:`,
    deadLetterInvalid:
      oneOf(options.invalidPayload, d.invalidPayload, ['reject', 'dead-letter'], 'invalidPayload') ===
      'dead-letter',
    deadLetterUnknown:
      oneOf(options.unknownType, d.unknownType, ['ignore', 'dead-letter'], 'unknownType') === 'dead-letter',
    acceptOnStoreFailure:
      oneOf(options.storeFailure, d.storeFailure, ['reject', 'accept'], 'storeFailure') === 'accept',
    storeTimeout: positive(toMs(options.storeTimeout ?? d.storeTimeout, 'storeTimeout'), 'storeTimeout'),
    logger,
    hooks: options.hooks ?? noHooks,
    guards: guardList(options.guards),
  }
}

/** The given choice, or the default; anything else is a typo worth failing fast on. */
function oneOf<T extends string>(
  value: T | undefined,
  fallback: T,
  choices: readonly T[],
  option: string,
): T {
  if (value === undefined) return fallback
  if (choices.includes(value)) return value
  throw new TypeError(`${option} must be ${choices.map((c) => `'${c}'`).join(' or ')}, got ${String(value)}`)
}

function wholeNumber(value: number, min: number, option: string): number {
  if (Number.isInteger(value) && value >= min) return value
  throw new TypeError(`${option} must be a whole number >= ${min}, got ${String(value)}`)
}

function guardList(guards: readonly Guard[] | undefined): readonly Guard[] {
  if (guards === undefined) return noGuards
  guards.forEach((guard, i) => {
    if (typeof guard?.check !== 'function')
      throw new TypeError(`guards[${i}] must be a guard (with a check function)`)
  })
  return [...guards]
}

function positive(ms: number, option: string): number {
  if (ms > 0) return ms
  throw new TypeError(`${option} must be longer than 0`)
}
