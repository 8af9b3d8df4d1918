import { randomUUID } from 'node:crypto'
import {
  type ClaimOptions,
  type ClaimResult,
  type DeadLetter,
  deadLetterListLimit,
  type HandoffQueue,
  type Job,
  type QueueFull,
  type QueueLimits,
} from '@hookgate/core'
import { decodeJob, encodeJob } from './codec.js'
import { consume } from './consumer.js'
import { type Entry, entriesOf, fieldsOf } from './entries.js'
import { oldestWaiting } from './lag.js'
import { replicatedClaimAndEnqueue } from './replicated.js'
import type { QueueSettings } from './settings.js'
import { toClaimResult } from './store.js'

/**
 * The durable handoff: jobs live in a Redis Stream read by a consumer group, so a job acknowledged to the
 * sender survives any crash. `claimAndEnqueue` claims the id and appends the job in one Lua script: the 2xx
 * is sent only once both are in Redis, on the store's own claim records (same connection, same keys).
 */
export function createQueue(settings: QueueSettings): HandoffQueue {
  const { client, scripts, keys, call, timeout } = settings.connection
  const { durability } = settings

  return {
    // Jobs outlive this process: the receiver consumes only where `receiver.work()` is called.
    durable: true,
    // Every call below goes through `call`, bounded by it: the receiver sets no timer of its own.
    timeout,

    async enqueue(job: Job): Promise<void> {
      const [stored, raw] = encodeJob(job)
      await call('enqueue', () => client.xadd(keys.jobs, '*', 'job', stored, 'raw', raw))
    },

    async claimAndEnqueue(
      key: string,
      claim: ClaimOptions,
      job: Omit<Job, 'token'>,
      limits: QueueLimits,
    ): Promise<ClaimResult | QueueFull> {
      const token = randomUUID()
      const args = [
        keys.claim(key),
        keys.jobs,
        keys.fence,
        claim.payloadHash,
        token,
        Math.ceil(claim.lease),
        Math.ceil(claim.dedupWindow),
        ...encodeJob({ ...job, token }),
        limits.maxPending,
      ]
      const status = await call('claimAndEnqueue', () =>
        durability
          ? replicatedClaimAndEnqueue(settings, { key: keys.claim(key), token }, args)
          : scripts.hookgateClaimAndEnqueue(...args),
      )
      return status === 'full' ? { status } : toClaimResult(status, token)
    },

    // What `claimAndEnqueue` bounds, for `receiver.health()` and metrics: the receiver itself never asks.
    pending: () => call('pending', () => client.xlen(keys.jobs)),
    oldestWaiting: () => oldestWaiting(settings),

    consume: (attempt, consumeOptions) => consume(settings, attempt, consumeOptions),

    async listDeadLetters({ limit = deadLetterListLimit } = {}): Promise<DeadLetter[]> {
      const entries = await call('listDeadLetters', () =>
        client.xrangeBuffer(keys.dead, '-', '+', 'COUNT', limit),
      )
      return entriesOf(entries).map(toDeadLetter)
    },

    async replayDeadLetters(ids?: readonly string[]): Promise<number> {
      const letters = await call('replayDeadLetters', async () =>
        ids
          ? (await Promise.all(ids.map((id) => client.xrangeBuffer(keys.dead, id, id)))).flat()
          : await client.xrangeBuffer(keys.dead, '-', '+'),
      )
      const fresh = entriesOf(letters).flatMap((entry) => {
        const { id, job } = toDeadLetter(entry)
        return [id, ...encodeJob({ ...job, attempt: 1, replayed: true })]
      })
      if (fresh.length === 0) return 0
      return Number(
        await call('replayDeadLetters', () => scripts.hookgateReplay(keys.dead, keys.jobs, ...fresh)),
      )
    },

    async purgeDeadLetters(ids?: readonly string[]): Promise<number> {
      if (ids)
        return ids.length === 0 ? 0 : await call('purgeDeadLetters', () => client.xdel(keys.dead, ...ids))
      const replies = await call('purgeDeadLetters', () =>
        client.multi().xlen(keys.dead).del(keys.dead).exec(),
      )
      return Number(replies?.[0]?.[1] ?? 0)
    },
  }
}

function toDeadLetter([id, fields]: Entry): DeadLetter {
  const stored = fieldsOf(fields ?? [])
  return {
    id,
    job: decodeJob(stored),
    error: String(stored.error ?? ''),
    failedAt: Number(String(stored.failedAt)),
  }
}
