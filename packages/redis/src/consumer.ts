import type { AttemptResult, ConsumeOptions, Job } from '@hookgate/core'
import { bounded } from './bounded.js'
import { ready } from './client.js'
import { decodeJob, encodeJob } from './codec.js'
import { type Entry, type EntryReply, entriesOf, fieldsOf, readReply } from './entries.js'
import type { QueueSettings } from './queue.js'

/** Due retries moved back onto the stream per loop turn. */
const promoteBatch = 100
/** Pause after a failed loop turn (Redis down) before trying again. */
const pauseAfterError = 500
/** A consumer that held nothing for this long (ms) is removed from the group. */
const pruneIdle = 3_600_000

/**
 * The worker loop. Reads, in this order: its own pending entries that are not running (left by a previous
 * run under the same consumer name, or by a read whose reply was lost; looked at on start, after a failure
 * and every third of `reclaimAfter`), entries of workers silent for `reclaimAfter` (`XAUTOCLAIM`), then
 * new entries with a blocking `XREADGROUP` on a duplicated connection (a blocking read would stall every
 * other command on the shared client). Each job runs through `attempt`, whose result is carried out by one
 * Lua script.
 */
export async function consume(
  settings: QueueSettings,
  attempt: (job: Job) => Promise<AttemptResult>,
  { concurrency, signal }: ConsumeOptions,
): Promise<void> {
  const { connection, group, consumer, block, reclaimAfter, onError } = settings
  const { client, scripts, keys, call, timeout } = connection
  const reader = client.duplicate({
    // Every stream read goes over this connection. Connect now (the user's client may be lazy), fail fast
    // while disconnected, never replay a read nobody waits for any more, and no auto-pipelining: ioredis
    // then drops the command name of `callBuffer` (it would send `GROUP ...` for `XREADGROUP GROUP ...`).
    lazyConnect: false,
    enableOfflineQueue: false,
    enableAutoPipelining: false,
    autoResendUnfulfilledCommands: false,
    commandTimeout: block + timeout,
  })
  reader.on('error', () => {}) // failures surface through the read itself
  const inflight = new Map<string, Job>()
  const running = new Set<Promise<void>>()
  const aborted = new Promise<void>((resolve) =>
    signal.addEventListener('abort', () => resolve(), { once: true }),
  )
  signal.addEventListener('abort', () => reader.disconnect(), { once: true })

  let groupReady = false
  let pendingCursor: string | undefined = '0'
  let reclaimCursor = '0-0'
  let nextReclaim = 0

  const heartbeat = setInterval(() => {
    if (inflight.size === 0) return
    const ids = [...inflight.keys()]
    call('heartbeat', () => scripts.hookgateHeartbeat(keys.jobs, group, consumer, ...ids)).catch(onError)
  }, reclaimAfter / 3)

  const createGroup = async () => {
    try {
      // From '0': jobs enqueued before the first worker ever started are not skipped.
      await call('create group', () => client.xgroup('CREATE', keys.jobs, group, '0', 'MKSTREAM'))
    } catch (error) {
      if (!String((error as Error).cause ?? error).includes('BUSYGROUP')) throw error
    }
  }

  // Workers named after their process leave a consumer behind each time they stop. Once one has held
  // nothing for an hour it is removed (a live worker reads every `block` ms, so it is never that idle;
  // even then, removing a consumer that holds nothing loses nothing).
  const pruneConsumers = async () => {
    const consumers = (await call('list consumers', () => client.xinfo('CONSUMERS', keys.jobs, group))) as (
      | string
      | number
    )[][]
    for (const info of consumers) {
      const { name, pending, idle } = fieldsOf(info)
      if (pending === 0 && typeof idle === 'number' && idle > pruneIdle && typeof name === 'string') {
        await call('remove consumer', () => client.xgroup('DELCONSUMER', keys.jobs, group, name))
      }
    }
  }

  /** This consumer's XREADGROUP: its own pending entries after `cursor`, or new ones (`>`) within `blockMs`. */
  const readGroup = (count: number, cursor: string, blockMs?: number) =>
    reader.callBuffer(
      'XREADGROUP',
      'GROUP',
      group,
      consumer,
      'COUNT',
      count,
      ...(blockMs === undefined ? [] : ['BLOCK', blockMs]),
      'STREAMS',
      keys.jobs,
      cursor,
    )

  const next = async (count: number): Promise<Entry[]> => {
    // Without an offline queue, a read sent before the duplicated connection is up would fail.
    if (reader.status !== 'ready') await bounded('connect', timeout, () => ready(reader))
    if (pendingCursor !== undefined) {
      const cursor = pendingCursor
      const entries = readReply(await call('read pending', () => readGroup(count, cursor)))
      pendingCursor = entries.at(-1)?.[0]
      return entries.filter(([id]) => !inflight.has(id))
    }
    if (Date.now() >= nextReclaim) {
      const [scanned, claimed] = (await call('reclaim', () =>
        reader.callBuffer(
          'XAUTOCLAIM',
          keys.jobs,
          group,
          consumer,
          reclaimAfter,
          reclaimCursor,
          'COUNT',
          count,
        ),
      )) as [cursor: Buffer, entries: EntryReply]
      const cursor = scanned.toString()
      const entries = entriesOf(claimed)
      reclaimCursor = cursor
      // A finished scan waits a while; an unfinished one continues on the next turn.
      if (cursor === '0-0') {
        nextReclaim = Date.now() + reclaimAfter / 3
        pendingCursor = '0'
        await pruneConsumers()
      }
      const reclaimed = entries.filter(([id]) => !inflight.has(id))
      if (reclaimed.length > 0) return reclaimed
    }
    // Bounded by the block plus the usual budget: `call` alone would cut a healthy blocking read short.
    return readReply(await bounded('read', block + timeout, () => readGroup(count, '>', block)))
  }

  const settle = (id: string, job: Job, result: AttemptResult): Promise<unknown> => {
    switch (result.status) {
      case 'done':
        return call('ack', () => scripts.hookgateAck(keys.jobs, group, id, consumer))
      case 'retry': {
        const nextJob = encodeJob({ ...job, attempt: job.attempt + 1, succeeded: result.succeeded })
        const delay = Math.ceil(result.delay)
        return call('retry', () =>
          scripts.hookgateRetry(keys.jobs, keys.delayed, group, id, consumer, delay, ...nextJob),
        )
      }
      case 'dead': {
        const buried = encodeJob({ ...job, succeeded: result.succeeded })
        return call('dead-letter', () =>
          scripts.hookgateBury(
            keys.jobs,
            keys.dead,
            group,
            id,
            consumer,
            ...buried,
            errorMessage(result.error),
          ),
        )
      }
    }
  }

  const run = async (id: string, job: Job) => {
    let result: AttemptResult
    try {
      result = await attempt(job)
    } catch (error) {
      onError(error) // left pending: attempted again at the next look at our own pending entries
      return
    }
    // The outcome is known: keep trying to record it rather than run the handlers again, until another
    // worker could have reclaimed the entry anyway.
    const giveUp = Date.now() + reclaimAfter
    for (;;) {
      try {
        await settle(id, job, result)
        return
      } catch (error) {
        onError(error)
        if (Date.now() >= giveUp) return
        await sleep(pauseAfterError)
      }
    }
  }

  const drop = (id: string) =>
    call('ack', () => scripts.hookgateAck(keys.jobs, group, id, consumer)).catch(onError)

  const start = ([id, fields]: Entry) => {
    // An entry deleted while pending has no fields: nothing to run, drop it from the pending list.
    const stored = fields ? fieldsOf(fields) : {}
    if (!stored.job?.length) return drop(id)
    let job: Job
    try {
      job = decodeJob(stored)
    } catch (error) {
      // Not a hookgate job (written by something else): reported, then dropped rather than retried forever.
      onError(error)
      return drop(id)
    }
    inflight.set(id, job)
    const done = run(id, job).finally(() => {
      inflight.delete(id)
      running.delete(done)
    })
    running.add(done)
  }

  try {
    while (!signal.aborted) {
      try {
        if (!groupReady) {
          await createGroup()
          groupReady = true
        }
        const free = concurrency - inflight.size
        if (free <= 0) {
          await Promise.race([...running, aborted])
          continue
        }
        await call('promote', () => scripts.hookgatePromote(keys.delayed, keys.jobs, promoteBatch))
        for (const entry of await next(free)) start(entry)
      } catch (error) {
        if (signal.aborted) break
        // The stream (and its group) vanished, e.g. Redis restarted empty: create them again.
        if (String(error).includes('NOGROUP')) groupReady = false
        // A read that timed out may still have been served once Redis woke up, leaving entries pending
        // for this worker that nobody runs: look at our own pending entries again.
        pendingCursor = '0'
        onError(error)
        await Promise.race([sleep(pauseAfterError), aborted])
      }
    }
  } finally {
    await Promise.allSettled(running)
    clearInterval(heartbeat)
    reader.disconnect()
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
