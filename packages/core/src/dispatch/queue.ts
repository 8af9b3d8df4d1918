import type { WebhookEvent } from '../event.js'
import type { MaybePromise } from '../maybe-promise.js'
import type { ValidatedPayloads } from '../schema/standard-schema.js'
import type { ClaimOptions, ClaimResult } from '../store/store.js'

/**
 * A delivery that was claimed and acknowledged: from here hookgate owns it until every handler has
 * succeeded or it is dead-lettered. Everything in it is JSON-safe except `event.raw` (bytes) and
 * `event.timestamp` (a Date), which durable queues encode themselves. `event.payload` is the parsed body
 * before schema validation; the dispatcher validates again per handler so transforms apply on any worker.
 */
export interface Job {
  /** The namespaced dedup key. */
  key: string
  /**
   * The token of the claim that accepted the delivery. A worker trades it for a holder's token and fence
   * of its own (`store.acquire`) at the start of each attempt, so whoever ran the job before loses it.
   */
  token: string
  /**
   * The claim's fence, set when the job was claimed in this process (a non-durable queue): a first attempt
   * that starts moments later holds the claim with `token` and this fence, without asking the store.
   */
  fence?: number
  event: WebhookEvent
  /** The attempt about to run, from 1. Survives restarts on durable queues. */
  attempt: number
  /** Ids of the handlers that already succeeded: a retry runs only the others. */
  succeeded: readonly string[]
  /** When the receiver accepted it, ms since the epoch. */
  receivedAt: number
  /**
   * The trace context of the `receive()` that handed the job off (W3C Trace Context), set by an
   * instrumentation (`@hookgate/otel`) and kept by durable queues' encodings, so an attempt in another
   * process links its span to the delivery's. Absent without an instrumentation.
   */
  trace?: JobTrace
  /**
   * Set by `replayDeadLetters`. The claim was completed when the job was dead-lettered (so duplicates
   * stayed suppressed), so a replay runs without it: the dispatcher neither renews nor completes it.
   */
  replayed?: boolean
  /**
   * When the job first found its order key held by another attempt (ms since the epoch), cleared once it
   * holds the key: what bounds how long it waits (see `AttemptResult` `wait`).
   */
  waitingSince?: number
  /**
   * In-process only, never encoded: the schemas' outputs `receive()` computed for this delivery, so its
   * first attempt in the same process runs no schema twice. The dispatcher takes them once (a retry
   * validates afresh, in case a handler mutated its payload); the receiver leaves them out for a durable
   * queue, whose worker validates again, and a durable queue's encoding drops them.
   */
  validated?: ValidatedPayloads | undefined
}

/** A W3C Trace Context, as its two headers carry it. */
export interface JobTrace {
  traceparent: string
  tracestate?: string
}

/** What `claimAndEnqueue` enforces in the step that claims. */
export interface QueueLimits {
  /** Claim nothing when this many jobs are pending (the receiver's `maxPending`). */
  maxPending: number
}

/** `claimAndEnqueue`'s answer when `maxPending` jobs are pending: nothing was claimed or queued. */
export interface QueueFull {
  status: 'full'
}

/**
 * What the dispatcher decided after one attempt; the queue carries it out. `wait` (the job's order key is
 * held by another attempt) runs the same job again after `delay` ms, with the same attempt number and
 * `succeeded`: waiting is no failed attempt. A queue that does not know it would drop the job, so every
 * queue must carry it out once the receiver's ordering options are in use.
 */
export type AttemptResult =
  | { status: 'done' }
  | { status: 'retry'; delay: number; succeeded: readonly string[]; error: unknown }
  | { status: 'wait'; delay: number; succeeded: readonly string[] }
  | { status: 'dead'; succeeded: readonly string[]; error: unknown }

/** A dead-lettered job, as listed and replayed. */
export interface DeadLetter {
  /** The queue's own id for the entry. */
  id: string
  job: Job
  /** The last error's message (errors are not serializable). */
  error: string
  failedAt: number
}

/**
 * How many dead letters `listDeadLetters()` (and `receiver.deadLetters.list()`) answers when given no
 * `limit`, on every queue: a list that may hold thousands is paged, never read whole by default.
 */
export const deadLetterListLimit = 100

export interface ConsumeOptions {
  concurrency: number
  /** Aborts when the receiver closes: stop taking jobs, let running attempts finish. */
  signal: AbortSignal
}

/**
 * Where acknowledged jobs wait for a worker. The memory queue (default) runs them in this process; the
 * Redis queue makes the handoff durable so a crash after the 2xx loses nothing.
 */
export interface HandoffQueue {
  /**
   * True when jobs outlive this process and any process may consume them (Redis): the receiver then leaves
   * consuming to `receiver.work()`, typically in worker processes. Absent or false: jobs live in this
   * process, and the receiver consumes them itself.
   */
  readonly durable?: boolean
  /**
   * Milliseconds within which `enqueue` and `claimAndEnqueue` settle, failing with `StoreUnavailableError`
   * once it is up: a queue that declares it enforces it itself (the Redis queue: `redis({ timeout })`), and
   * the receiver then sets no timer of its own around those calls. Absent: the receiver bounds them by its
   * `storeTimeout`.
   */
  readonly timeout?: number
  /**
   * Resolves only once the job is stored as durably as this queue can; rejects otherwise. An in-process
   * queue may return at once (nothing to wait for).
   */
  enqueue(job: Job): MaybePromise<void>
  /**
   * Claim the id and enqueue the job in one atomic step (one Redis round trip). When present, the receiver
   * uses it instead of `store.claim` then `enqueue`; the job's `token` is filled in by the queue.
   */
  claimAndEnqueue?(
    key: string,
    options: ClaimOptions,
    job: Omit<Job, 'token'>,
    limits: QueueLimits,
  ): Promise<ClaimResult | QueueFull>
  /**
   * Jobs accepted and not yet done: waiting, running or scheduled for a retry. Asked before each claim
   * when there is no `claimAndEnqueue` (which checks `limits.maxPending` itself, in the same step). A
   * queue with neither cannot be bounded: `maxPending` then bounds nothing.
   */
  pending?(): MaybePromise<number>
  /**
   * When the job that has waited longest for a worker became ready (queued, or due after its retry
   * delay), ms since the epoch; undefined when none waits. Its age is the consumer lag: a metric reads it,
   * the receiver never does.
   */
  oldestWaiting?(): MaybePromise<number | undefined>
  /** Runs jobs through `attempt` until the signal aborts; resolves once running attempts have settled. */
  consume(attempt: (job: Job) => Promise<AttemptResult>, options: ConsumeOptions): Promise<void>
  /**
   * The dead letters, oldest first.
   * @param options.limit at most this many; default `deadLetterListLimit` (100)
   */
  listDeadLetters(options?: { limit?: number }): Promise<DeadLetter[]>
  /**
   * Puts dead letters back on the queue with `attempt: 1` and `replayed: true`, keeping `succeeded` (what
   * already succeeded does not run twice), and removes them from the list; resolves to how many were replayed.
   */
  replayDeadLetters(ids?: readonly string[]): Promise<number>
  purgeDeadLetters(ids?: readonly string[]): Promise<number>
}
