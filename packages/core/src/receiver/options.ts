import { type RetryOptions, type RetryPolicy, retryPolicy } from '../dispatch/backoff.js'
import { memoryQueue } from '../dispatch/memory-queue.js'
import type { HandoffQueue } from '../dispatch/queue.js'
import { type Duration, toMs } from '../duration.js'
import type { WebhookEvent } from '../event.js'
import type { Scheme } from '../schemes/scheme.js'
import { memoryStore } from '../store/memory-store.js'
import type { IdempotencyStore } from '../store/store.js'
import { consoleWarnings, type Logger, type ReceiverHooks } from './hooks.js'
import { refuseUnusedStoreTimeout } from './store-timeout.js'

export interface ReceiverOptions {
  /** Who sends: `stripe({ secret })`, `github({ secret })`, ... */
  provider: Scheme
  /** Remembers ids. Default `memoryStore()`: one process only; use `@hookgate/redis` for several. */
  store?: IdempotencyStore
  /**
   * Where acknowledged deliveries wait for a handler. Default `memoryQueue()`, consumed by this receiver.
   * A durable queue (`@hookgate/redis`) is consumed only where `receiver.work()` is called.
   */
  queue?: HandoffQueue
  /** How long a processed id is remembered. Default: the provider's retry horizon (Stripe 3 d, ...). */
  dedupeWindow?: Duration
  /**
   * How long a claim holds without renewal before another worker may take the delivery over. Running
   * handlers and waiting retries renew it, so it only decides how soon a crashed holder's work is taken
   * over. Default `'1m'`.
   */
  lease?: Duration
  /**
   * `'after-handoff'` (default): answer 202 once the delivery is claimed and queued; handlers run after,
   * with retries. `'after-handler'`: answer once the handlers finished (200, or 500 so the sender retries).
   */
  ack?: 'after-handoff' | 'after-handler'
  retry?: RetryOptions
  /** Handler attempts run at once by this process. Default 16. */
  concurrency?: number
  /**
   * The dedup id of deliveries that carry none (plain HMAC senders): a hash of the body, or a field.
   * Only asked when the provider gives no id; without it such deliveries get 400 `missing_id`.
   */
  key?: (event: WebhookEvent) => string | undefined
  /** Put before every dedup key (after it comes the provider, then the id): apps sharing one store. */
  keyPrefix?: string
  /** A payload failing a schema: `'reject'` (default) answers 400; `'dead-letter'` answers 202 and parks it. */
  onInvalidPayload?: 'reject' | 'dead-letter'
  /**
   * A type no handler (not even `'*'`) is registered for: `'ignore'` (default) answers 200 `ignored`;
   * `'dead-letter'` accepts it into the dead letters, to replay once a handler exists.
   */
  onUnknownType?: 'ignore' | 'dead-letter'
  /**
   * The store fails or times out: `'reject'` (default) answers 503 so the sender retries later;
   * `'accept'` hands the delivery off unclaimed, preferring a possible duplicate to a delay.
   */
  onStoreError?: 'reject' | 'accept'
  /**
   * The longest a call of a store or queue that declares no `timeout` of its own may take before it counts
   * as failed. A store or queue that declares one (the Redis ones: `redis({ timeout })`) enforces it itself
   * and is not timed here; giving `storeTimeout` while both the store and the queue declare one is an error.
   * Default `'2s'`.
   */
  storeTimeout?: Duration
  /** pino, console, or anything with `info`, `warn`, `error`. Default: warnings and errors to the console. */
  logger?: Logger
  hooks?: ReceiverHooks
}

/** Options checked once, with every default filled in. */
export interface ResolvedOptions {
  scheme: Scheme
  store: IdempotencyStore
  queue: HandoffQueue
  ttl: number
  lease: number
  afterHandler: boolean
  retry: RetryPolicy
  concurrency: number
  key: ((event: WebhookEvent) => string | undefined) | undefined
  /** `prefix:provider:`, put before every id. */
  keyNamespace: string
  deadLetterInvalid: boolean
  deadLetterUnknown: boolean
  acceptOnStoreError: boolean
  storeTimeout: number
  logger: Logger
  hooks: ReceiverHooks
}

export function resolveOptions(options: ReceiverOptions): ResolvedOptions {
  const scheme = options.provider
  if (scheme === undefined) throw new TypeError('createReceiver needs a provider, e.g. stripe({ secret })')
  const concurrency = options.concurrency ?? 16
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new TypeError(`concurrency must be a whole number >= 1, got ${String(concurrency)}`)
  }
  const ttl = toMs(options.dedupeWindow ?? scheme.retryHorizon, 'dedupeWindow')
  const logger = options.logger ?? consoleWarnings
  if (scheme.tolerance !== undefined && ttl < scheme.tolerance) {
    logger.warn(
      { dedupeWindowMs: ttl, toleranceMs: scheme.tolerance },
      'dedupeWindow is shorter than the scheme tolerance: a captured delivery can be replayed once its id is forgotten while its signature is still fresh',
    )
  }
  refuseUnusedStoreTimeout(options)
  return {
    scheme,
    store: options.store ?? memoryStore(),
    queue: options.queue ?? memoryQueue(),
    ttl,
    lease: positive(toMs(options.lease ?? '1m', 'lease'), 'lease'),
    afterHandler: oneOf(options.ack, ['after-handoff', 'after-handler'], 'ack') === 'after-handler',
    retry: retryPolicy(options.retry),
    concurrency,
    key: options.key,
    keyNamespace: `${options.keyPrefix ? `${options.keyPrefix}:` : ''}${scheme.provider}:`,
    deadLetterInvalid:
      oneOf(options.onInvalidPayload, ['reject', 'dead-letter'], 'onInvalidPayload') === 'dead-letter',
    deadLetterUnknown:
      oneOf(options.onUnknownType, ['ignore', 'dead-letter'], 'onUnknownType') === 'dead-letter',
    acceptOnStoreError: oneOf(options.onStoreError, ['reject', 'accept'], 'onStoreError') === 'accept',
    storeTimeout: positive(toMs(options.storeTimeout ?? '2s', 'storeTimeout'), 'storeTimeout'),
    logger,
    hooks: options.hooks ?? {},
  }
}

/** The given choice, or the first (the default); anything else is a typo worth failing fast on. */
function oneOf<T extends string>(value: T | undefined, choices: readonly [T, ...T[]], option: string): T {
  if (value === undefined) return choices[0]
  if (choices.includes(value)) return value
  throw new TypeError(`${option} must be ${choices.map((c) => `'${c}'`).join(' or ')}, got ${String(value)}`)
}

function positive(ms: number, option: string): number {
  if (ms > 0) return ms
  throw new TypeError(`${option} must be longer than 0`)
}
