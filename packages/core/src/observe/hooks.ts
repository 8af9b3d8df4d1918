import type { WebhookEvent } from '../event.js'
import type { Outcome } from '../outcome/outcome.js'

/**
 * A structured logger: pino, or `console`. Called as `log.warn({ fields }, 'message')`, the argument order
 * pino needs and console prints fine. With `child` (pino), handlers get a logger bound to their delivery.
 */
export interface Logger {
  debug?(fields: Record<string, unknown>, message: string): void
  info(fields: Record<string, unknown>, message: string): void
  warn(fields: Record<string, unknown>, message: string): void
  error(fields: Record<string, unknown>, message: string): void
  child?(bindings: Record<string, unknown>): Logger
}

/** The default: warnings and errors (store failures, dead letters) reach the console, the rest is quiet. */
export const consoleWarnings: Logger = {
  info() {},
  warn: (fields, message) => console.warn(`[hookgate] ${message}`, fields),
  error: (fields, message) => console.error(`[hookgate] ${message}`, fields),
}

/** Every `receive()` answered 2xx: accepted, handled, duplicate, ignored, challenge. */
export interface ReceivedInfo {
  outcome: Outcome
  /** Time spent in `receive()`, ms. */
  durationMs: number
}

/** Every `receive()` answered 4xx or 5xx. */
export interface RejectedInfo {
  outcome: Outcome
  /** What caused it, when something threw (a verification error, a store error). */
  error?: unknown
  durationMs: number
}

/**
 * A verified delivery of a type no handler takes, answered 200 `ignored` (`unknownType: 'ignore'`): the
 * sender will not send it again, so a typo in `on('invoice.payed')` drops every real delivery of the type.
 */
export interface IgnoredInfo {
  event: WebhookEvent
  /** The types handlers are registered for, to spot the typo against. */
  registeredTypes: readonly string[]
}

/** What every processing hook tells. */
export interface AttemptInfo {
  event: WebhookEvent
  deliveryId: string
  /** The attempt that just ran, from 1. */
  attempt: number
  /** Time the attempt took, ms. */
  durationMs: number
  /** Time since the delivery was received, ms. */
  sinceReceivedMs: number
}

export interface RetryInfo extends AttemptInfo {
  error: unknown
  /** Ids of the handlers that failed and will run again. */
  failedHandlers: string[]
  /** Ms until the next attempt. */
  delayMs: number
}

export interface DeadLetteredInfo extends AttemptInfo {
  error: unknown
  /** Ids of the handlers that failed the last attempt; empty when no handler ran (an invalid payload). */
  failedHandlers: string[]
}

export interface ClaimLostInfo extends AttemptInfo {
  /**
   * The fence this attempt held; undefined when it found the claim gone before it got one (its handlers
   * then did not run).
   */
  fence: number | undefined
}

/** A delivery not handled because its key has as new a version applied already (the `version` option). */
export interface StaleInfo extends AttemptInfo {
  /** What `orderKey` returned for it. */
  orderKey: string
  /** What `version` returned for it. */
  version: number
  /** The last version applied for the key, not smaller than `version`. */
  lastVersion: number
}

/** The queue's consumer in this process gave up (see `Worker.done`). */
export interface WorkerFailedInfo {
  error: unknown
}

/**
 * Observers, for metrics and traces, named in the past tense for what just happened. They run
 * synchronously on the path they observe and must not throw (what they throw is logged and ignored); a
 * returned promise is not awaited. To act on a dead letter (and be awaited), use
 * `receiver.deadLetters.handle()`.
 */
export interface ReceiverHooks {
  onReceived?(info: ReceivedInfo): void
  onRejected?(info: RejectedInfo): void
  /**
   * A delivery no handler takes was answered 200 `ignored`; each time (the logger warns only at the first
   * of each type).
   */
  onIgnored?(info: IgnoredInfo): void
  /** Every handler of the delivery has succeeded. */
  onHandled?(info: AttemptInfo): void
  /** An attempt failed and another is scheduled. */
  onRetry?(info: RetryInfo): void
  /** The last attempt failed (or the payload can never pass): the delivery went to the dead letters. */
  onDeadLettered?(info: DeadLetteredInfo): void
  /**
   * Another worker took this attempt's claim over (this one froze or stalled past its lease, or its job was
   * handed to another worker): the attempt's `ctx.signal` aborted, and its result does not count; the new
   * holder completes the delivery. Handlers that had started may have done part of their work twice.
   */
  onClaimLost?(info: ClaimLostInfo): void
  /**
   * A delivery's version was not greater than the last one applied for its order key (`version` option):
   * no handler ran, and its id is completed, so the sender's retries are duplicates.
   */
  onStale?(info: StaleInfo): void
  /**
   * The worker of this process stopped on a failure its queue cannot outlive (the Redis queue: a reply it
   * cannot read, a command Redis refuses for good): no handler runs here until `work()` is called again.
   * Also logged at error level, and seen in `receiver.health()`.
   */
  onWorkerFailed?(info: WorkerFailedInfo): void
}

/** Calls one hook so that nothing it does can break delivery. */
export function callHook<K extends keyof ReceiverHooks>(
  hooks: ReceiverHooks,
  name: K,
  info: Parameters<NonNullable<ReceiverHooks[K]>>[0],
  logger: Logger,
): void {
  const hook = hooks[name] as ((info: unknown) => unknown) | undefined
  if (hook === undefined) return
  try {
    const result = hook.call(hooks, info)
    if (result instanceof Promise) result.catch((error) => logHookError(logger, name, error))
  } catch (error) {
    logHookError(logger, name, error)
  }
}

function logHookError(logger: Logger, hook: string, error: unknown) {
  logger.error({ hook, err: error }, `the ${hook} hook threw; ignored`)
}
