import type { Job } from '@hookgate/core'
import { redis } from '@hookgate/redis'
import type { Redis } from 'ioredis'
import { describe, expect, it } from 'vitest'
import { claim, job, limits, sleep, work } from './jobs.js'
import { useRedis } from './redis.js'

// Due retries are read from a stream of their own before new jobs: a retry never waits behind a backlog.
const prefix = 'test-redis-retries'
const retries = `{${prefix}}:retries`
let client: Redis
useRedis(prefix, (connected) => {
  client = connected
})

const again = { status: 'retry', delay: 100, succeeded: [], error: new Error('again') } as const
const label = (j: Job) => `${j.event.id}#${j.attempt}`

/**
 * A retry of `id` (attempt 2) on the retries stream, delivered to `consumer`, which then died: as the
 * promote script leaves it (moved from the delayed set, read for the consumer whose turn it was).
 */
async function retryHeldBy(consumer: string, id: string): Promise<void> {
  const queue = redis({ client, prefix, block: 50 }).queue
  await queue.claimAndEnqueue?.(`test:${id}`, claim, job(id), limits)
  await work(
    queue,
    () => again,
    () => true,
  )
  const [member] = await client.zrangeBuffer(`{${prefix}}:delayed`, '0', '0')
  if (!member) throw new Error('the retry was not scheduled')
  const cut = member.indexOf(10) // job JSON, newline, raw body
  await client.del(`{${prefix}}:delayed`)
  await client.xadd(retries, '*', 'job', member.subarray(0, cut), 'raw', member.subarray(cut + 1))
  await client.xreadgroup('GROUP', 'hookgate', consumer, 'COUNT', 1, 'STREAMS', retries, '>')
}

describe('retries', () => {
  it('runs a due retry before a backlog of new jobs has drained', async () => {
    const queue = redis({ client, prefix, block: 100 }).queue
    await queue.claimAndEnqueue?.('test:flaky', claim, job('flaky'), limits)
    const backlog = 100
    for (let i = 0; i < backlog; i++) await queue.enqueue({ ...job(`new-${i}`), token: 't' })
    const seen = await work(
      queue,
      async (j) => {
        if (label(j) === 'flaky#1') return again
        await sleep(20) // 100 jobs, 2 at a time: a second of backlog; the retry is due after 100 ms
        return { status: 'done' }
      },
      (all) => all.some((j) => label(j) === 'flaky#2'),
      { concurrency: 2 },
    )
    const newBefore = seen.findIndex((j) => label(j) === 'flaky#2') - 1
    expect(seen[0] && label(seen[0])).toBe('flaky#1')
    // Behind the backlog it would run after all 100; it runs once a slot frees after it is due.
    expect(newBefore).toBeGreaterThan(0)
    expect(newBefore).toBeLessThan(backlog / 2)
    expect(await client.xlen(retries)).toBe(0)
  })

  it('takes over a retry whose worker died, after reclaimAfter', async () => {
    await retryHeldBy('dead-worker', 'orphan')
    const queue = redis({ client, prefix, consumer: 'survivor', reclaimAfter: 300, block: 100 }).queue
    const started = Date.now()
    const seen = await work(
      queue,
      () => ({ status: 'done' }),
      (all) => all.length === 1,
    )
    expect(seen.map(label)).toEqual(['orphan#2'])
    expect(Date.now() - started).toBeGreaterThanOrEqual(250)
    expect(await client.xlen(retries)).toBe(0)
  })

  it('resumes its own unfinished retry at once when restarted under the same consumer name', async () => {
    await retryHeldBy('stable', 'own')
    const queue = redis({ client, prefix, consumer: 'stable', reclaimAfter: 60_000, block: 100 }).queue
    const started = Date.now()
    const seen = await work(
      queue,
      () => ({ status: 'done' }),
      (all) => all.length === 1,
    )
    expect(seen.map(label)).toEqual(['own#2'])
    expect(Date.now() - started).toBeLessThan(2_000)
    expect(await client.xlen(retries)).toBe(0)
  })

  it('heartbeats a slow retry so no other worker takes it over', async () => {
    const options = { client, prefix, reclaimAfter: 300, block: 50 }
    const a = redis({ ...options, consumer: 'a' }).queue
    const b = redis({ ...options, consumer: 'b' }).queue
    await a.claimAndEnqueue?.('test:slow', claim, job('slow'), limits)
    const runs: string[] = []
    const controller = new AbortController()
    const attempt = (name: string) => async (j: Job) => {
      runs.push(`${name}:${label(j)}`)
      if (j.attempt === 1) return again
      await sleep(1_200) // four times reclaimAfter
      return { status: 'done' } as const
    }
    const workers = [
      a.consume(attempt('a'), { concurrency: 1, signal: controller.signal }),
      b.consume(attempt('b'), { concurrency: 1, signal: controller.signal }),
    ]
    await sleep(1_800)
    controller.abort()
    await Promise.all(workers)
    expect(runs.filter((run) => run.endsWith('#2'))).toHaveLength(1)
    expect(await client.xlen(retries)).toBe(0)
  })
})
