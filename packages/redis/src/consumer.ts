import type { AttemptResult, ConsumeOptions, Job } from '@hookgate/core'
import { Budget } from './budget.js'
import { decodeJob } from './codec.js'
import { entriesOf, fieldsOf, type Taken } from './entries.js'
import { ConsumerFailedError, isPermanent, messageOf } from './errors.js'
import { createGroups } from './group.js'
import { Inflight } from './inflight.js'
import { openReader } from './reader.js'
import type { QueueSettings } from './settings.js'
import { drop, pauseAfterError, record, sleep } from './settle.js'

/** Due retries moved onto the retries stream per loop turn. */
const promoteBatch = 100

/**
 * The worker loop. Each turn, while it has a free slot: the promote script moves due retries onto the
 * retries stream and hands this worker up to one per free slot; the rest of the slots are filled by the
 * reader (see reader.ts: own pending entries, silent workers' entries, then new jobs), so a due retry is
 * taken before any new job. Each job runs through `attempt`, whose result is carried out by one Lua script.
 *
 * Redis being unreachable or slow is reported to `onError` and retried after a pause; a failure retrying
 * cannot heal (a reply it cannot read, a command Redis refuses for good) stops the loop: the promise
 * rejects with `ConsumerFailedError` once the running attempts have settled.
 */
export async function consume(
  settings: QueueSettings,
  attempt: (job: Job) => Promise<AttemptResult>,
  { concurrency, signal }: ConsumeOptions,
  // A shard's loop shares its budget with the other shards' (sharded.ts).
  budget = new Budget(concurrency),
): Promise<void> {
  const { connection, group, consumer, reclaimAfter, onError } = settings
  const { scripts, keys, call } = connection
  const inflight = new Inflight()
  const reader = openReader(settings, inflight)
  const running = new Set<Promise<void>>()
  const aborted = new Promise<void>((resolve) =>
    signal.addEventListener('abort', () => resolve(), { once: true }),
  )
  const stopped = aborted.then(() => 0)
  signal.addEventListener('abort', () => reader.close(), { once: true }) // cuts a blocking read short
  let groupsReady = false

  const heartbeat = setInterval(() => {
    for (const [stream, ids] of inflight.byStream()) {
      call('heartbeat', () => scripts.hookgateHeartbeat(stream, group, consumer, ...ids)).catch(onError)
    }
  }, reclaimAfter / 3)

  const run = async (taken: Taken, job: Job) => {
    let result: AttemptResult
    try {
      result = await attempt(job)
    } catch (error) {
      onError(error) // left pending: attempted again at the next look at our own pending entries
      return
    }
    await record(settings, taken, job, result)
  }

  /** Runs the entry in a slot the caller holds, which it then owns; false when it is dropped instead. */
  const start = (taken: Taken): boolean => {
    // An entry deleted while pending has no fields: nothing to run, drop it from the pending list.
    const stored = taken.fields ? fieldsOf(taken.fields) : {}
    if (!stored.job?.length) {
      void drop(settings, taken)
      return false
    }
    let job: Job
    try {
      job = decodeJob(stored)
    } catch (error) {
      // Not a hookgate job (written by something else): reported, then dropped rather than retried forever.
      onError(error)
      void drop(settings, taken)
      return false
    }
    inflight.add(taken.stream, taken.id)
    const done = run(taken, job).finally(() => {
      inflight.delete(taken.stream, taken.id)
      running.delete(done)
      budget.give()
    })
    running.add(done)
    return true
  }

  const dueRetries = async (count: number): Promise<Taken[]> => {
    const reply = await call('promote', () =>
      scripts.hookgatePromoteBuffer(keys.delayed, keys.retries, promoteBatch, group, consumer, count),
    )
    return entriesOf(reply, 'promote').map(([id, fields]) => ({ stream: keys.retries, id, fields }))
  }

  try {
    while (!signal.aborted) {
      try {
        if (!groupsReady) {
          await createGroups(settings)
          groupsReady = true
        }
        // None only once aborted: slots handed to a loop that stopped waiting are not needed any more.
        const slots = await Promise.race([budget.take(), stopped])
        if (slots === 0) continue
        let free = slots
        try {
          for (const taken of await dueRetries(free)) if (start(taken)) free--
          if (free > 0) for (const taken of await reader.next(free)) if (start(taken)) free--
        } finally {
          budget.give(free)
        }
      } catch (error) {
        if (signal.aborted) break
        if (isPermanent(error)) {
          throw new ConsumerFailedError(`the redis worker stopped: ${messageOf(error)}`, { cause: error })
        }
        // The streams (and their group) vanished, e.g. Redis restarted empty: create them again.
        if (String(error).includes('NOGROUP')) groupsReady = false
        // A read that timed out may still have been served once Redis woke up, leaving entries pending
        // for this worker that nobody runs: look at our own pending entries again.
        reader.lookAgain()
        onError(error)
        await Promise.race([sleep(pauseAfterError), aborted])
      }
    }
  } finally {
    await Promise.allSettled(running)
    clearInterval(heartbeat)
    reader.close()
  }
}
