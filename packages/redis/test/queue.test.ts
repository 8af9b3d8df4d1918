import type { Job } from '@hookgate/core'
import { redis } from '@hookgate/redis'
import type { Redis } from 'ioredis'
import { describe, expect, it } from 'vitest'
import { claim, job, limits, sleep, work } from './jobs.js'
import { useRedis } from './redis.js'

const prefix = 'test-redis-queue'
const jobs = `{${prefix}}:jobs`
let client: Redis
useRedis(prefix, (connected) => {
  client = connected
})

describe('the redis queue: claimAndEnqueue', () => {
  it('claims and appends the job in one round trip', async () => {
    const queue = redis({ client, prefix }).queue
    await queue.claimAndEnqueue?.('test:warm-up', claim, job('warm-up'), limits) // loads the script once
    // Other test files share this Redis: keep only what our own connection sends.
    const address = /\baddr=(\S+)/.exec(String(await client.call('CLIENT', 'INFO')))?.[1]
    const monitor = await client.duplicate().monitor()
    const seen: { args: string[]; source: string }[] = []
    monitor.on('monitor', (_time: string, args: string[], source: string) => seen.push({ args, source }))
    await sleep(50)
    const result = await queue.claimAndEnqueue?.('test:one', claim, job('one'), limits)
    await sleep(50)
    monitor.disconnect()
    expect(result?.status).toBe('claimed')
    const fromClient = seen.filter((command) => command.source === address)
    expect(fromClient.map((command) => command.args[0]?.toLowerCase())).toEqual(['evalsha'])
    const insideScript = seen
      .filter((command) => command.source === 'lua')
      .map((c) => c.args[0]?.toLowerCase())
    expect(insideScript).toContain('hset')
    expect(insideScript).toContain('xadd')
  })

  it('enqueues nothing for a duplicate or a conflict, and shares claims with the store', async () => {
    const { store, queue } = redis({ client, prefix })
    const first = await queue.claimAndEnqueue?.('test:a', claim, job('a'), limits)
    expect(await queue.claimAndEnqueue?.('test:a', claim, job('a'), limits)).toEqual({
      status: 'in_progress',
    })
    expect(
      await queue.claimAndEnqueue?.('test:a', { ...claim, payloadHash: 'h2' }, job('a'), limits),
    ).toEqual({
      status: 'conflict',
    })
    expect(await client.xlen(jobs)).toBe(1)
    if (first?.status !== 'claimed') throw new Error('unreachable')
    expect(await store.complete('test:a', first.token, { dedupWindow: 1_000 })).toBe(true)
    expect(await queue.claimAndEnqueue?.('test:a', claim, job('a'), limits)).toEqual({ status: 'done' })
    expect(await client.xlen(jobs)).toBe(1)
  })
})

describe('the redis queue: consume', () => {
  it('hands the job over intact and deletes the entry once done', async () => {
    const queue = redis({ client, prefix }).queue
    const claimed = await queue.claimAndEnqueue?.('test:intact', claim, job('intact'), limits)
    const [received] = await work(
      queue,
      () => ({ status: 'done' }),
      (seen) => seen.length === 1,
    )
    expect(received).toEqual({ ...job('intact'), token: claimed?.status === 'claimed' && claimed.token })
    expect(await client.xlen(jobs)).toBe(0)
    expect(((await client.xpending(jobs, 'hookgate')) as [number])[0]).toBe(0)
  })

  it('retries after the delay with the attempt count and succeeded handlers carried over', async () => {
    const queue = redis({ client, prefix, block: 100 }).queue
    await queue.claimAndEnqueue?.('test:retry', claim, job('retry'), limits)
    const times: number[] = []
    const seen = await work(
      queue,
      (_job, all) => {
        times.push(Date.now())
        return all.length < 3
          ? { status: 'retry', delay: 300, succeeded: [`h${all.length}`], error: new Error('boom') }
          : { status: 'done' }
      },
      (all) => all.length === 3,
    )
    expect(seen.map((j) => [j.attempt, j.succeeded])).toEqual([
      [1, []],
      [2, ['h1']],
      [3, ['h2']],
    ])
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(290)
    // The 200 ms lease was renewed past each retry's due time: the id stayed in progress throughout.
    expect(await queue.claimAndEnqueue?.('test:retry', claim, job('retry'), limits)).toEqual({
      status: 'in_progress',
    })
    expect(await client.zcard(`{${prefix}}:delayed`)).toBe(0)
  })

  it('dead-letters, lists, replays from attempt 1, and purges', async () => {
    const queue = redis({ client, prefix }).queue
    await queue.claimAndEnqueue?.('test:d1', claim, job('d1'), limits)
    await queue.claimAndEnqueue?.('test:d2', claim, job('d2'), limits)
    await work(
      queue,
      (j) => ({ status: 'dead', succeeded: ['a'], error: new Error(`gave up on ${j.event.id}`) }),
      (seen) => seen.length === 2,
    )
    const letters = await queue.listDeadLetters()
    expect(letters.map((l) => [l.job.event.id, l.job.succeeded, l.error])).toEqual([
      ['d1', ['a'], 'gave up on d1'],
      ['d2', ['a'], 'gave up on d2'],
    ])
    expect(letters[0]?.failedAt).toBeGreaterThan(Date.now() - 10_000)
    expect(await queue.listDeadLetters({ limit: 1 })).toHaveLength(1)

    const first = letters[0]?.id ?? ''
    expect(await queue.replayDeadLetters([first])).toBe(1)
    expect(await queue.replayDeadLetters([first])).toBe(0) // already moved
    const replayed = await work(
      queue,
      () => ({ status: 'done' }),
      (seen) => seen.length === 1,
    )
    // From attempt 1, flagged as a replay (the claim was completed), what already succeeded not run again.
    expect(replayed.map((j) => [j.event.id, j.attempt, j.succeeded, j.replayed])).toEqual([
      ['d1', 1, ['a'], true],
    ])
    expect(await queue.purgeDeadLetters()).toBe(1)
    expect(await queue.listDeadLetters()).toEqual([])
  })

  it('takes over the jobs of a worker that died, after reclaimAfter', async () => {
    const queue = redis({ client, prefix, consumer: 'survivor', reclaimAfter: 300, block: 100 }).queue
    await queue.claimAndEnqueue?.('test:orphan', claim, job('orphan'), limits)
    await client.xgroup('CREATE', jobs, 'hookgate', '0', 'MKSTREAM')
    // A worker reads the job and dies before acknowledging it.
    await client.xreadgroup('GROUP', 'hookgate', 'dead-worker', 'COUNT', 1, 'STREAMS', jobs, '>')
    const started = Date.now()
    const seen = await work(
      queue,
      () => ({ status: 'done' }),
      (all) => all.length === 1,
    )
    expect(seen.map((j) => j.event.id)).toEqual(['orphan'])
    expect(Date.now() - started).toBeGreaterThanOrEqual(250)
    expect(await client.xlen(jobs)).toBe(0)
  })

  it('resumes its own unfinished jobs at once when restarted under the same consumer name', async () => {
    const queue = redis({ client, prefix, consumer: 'stable', reclaimAfter: 60_000 }).queue
    await queue.claimAndEnqueue?.('test:own', claim, job('own'), limits)
    await client.xgroup('CREATE', jobs, 'hookgate', '0', 'MKSTREAM')
    await client.xreadgroup('GROUP', 'hookgate', 'stable', 'COUNT', 1, 'STREAMS', jobs, '>')
    const started = Date.now()
    const seen = await work(
      queue,
      () => ({ status: 'done' }),
      (all) => all.length === 1,
    )
    expect(seen.map((j) => j.event.id)).toEqual(['own'])
    expect(Date.now() - started).toBeLessThan(2_000)
  })

  it('runs its own pending entries whose read reply was lost, well before reclaimAfter', async () => {
    const queue = redis({ client, prefix, consumer: 'me', reclaimAfter: 3_000, block: 100 }).queue
    const controller = new AbortController()
    const seen: string[] = []
    const running = queue.consume(
      async (j) => {
        seen.push(j.event.id ?? '')
        if (j.event.id === 'busy') await sleep(300) // its only slot is taken: it reads nothing meanwhile
        return { status: 'done' }
      },
      { concurrency: 1, signal: controller.signal },
    )
    await queue.claimAndEnqueue?.('test:busy', claim, job('busy'), limits)
    while (seen.length === 0) await sleep(10)
    await queue.claimAndEnqueue?.('test:lost', claim, job('lost'), limits)
    // Delivered to 'me' by a read whose reply never reached the loop (as after an outage).
    const [[, [[lostId] = []] = []] = []] = (await client.xreadgroup(
      'GROUP',
      'hookgate',
      'me',
      'COUNT',
      1,
      'STREAMS',
      jobs,
      '>',
    )) as [string, [string, string[]][]][]
    expect(lostId).toBeDefined()
    const started = Date.now()
    while (seen.length < 2 && Date.now() - started < 5_000) await sleep(20)
    controller.abort()
    await running
    expect(seen).toEqual(['busy', 'lost'])
    // By the own-pending look, not XAUTOCLAIM (which waits for 3 s of idleness): the margin absorbs a loaded CI.
    expect(Date.now() - started).toBeLessThan(2_500)
  })

  it('heartbeats a slow job so no other worker takes it over', async () => {
    const options = { client, prefix, reclaimAfter: 300, block: 100 }
    const a = redis({ ...options, consumer: 'a' }).queue
    const b = redis({ ...options, consumer: 'b' }).queue
    await a.claimAndEnqueue?.('test:slow', claim, job('slow'), limits)
    const runs: string[] = []
    const controller = new AbortController()
    const attempt = (name: string) => async () => {
      runs.push(name)
      await sleep(1_200) // four times reclaimAfter
      return { status: 'done' } as const
    }
    const workers = [
      a.consume(attempt('a'), { concurrency: 1, signal: controller.signal }),
      b.consume(attempt('b'), { concurrency: 1, signal: controller.signal }),
    ]
    await sleep(1_600)
    controller.abort()
    await Promise.all(workers)
    expect(runs).toHaveLength(1)
    expect(await client.xlen(jobs)).toBe(0)
  })

  it('lets running attempts finish and record their result when the signal aborts', async () => {
    const queue = redis({ client, prefix }).queue
    await queue.claimAndEnqueue?.('test:drain', claim, job('drain'), limits)
    const controller = new AbortController()
    let finished = false
    const running = queue.consume(
      async () => {
        controller.abort()
        await sleep(200)
        finished = true
        return { status: 'done' }
      },
      { concurrency: 1, signal: controller.signal },
    )
    await running
    expect(finished).toBe(true)
    expect(await client.xlen(jobs)).toBe(0)
  })
})

describe('the redis queue: job format', () => {
  /** Every byte value, newlines and bytes that are not UTF-8 included. */
  const everyByte = new Uint8Array(Array.from({ length: 512 }, (_, i) => (i * 7) % 256))
  const encoder = new TextEncoder()

  function withBody(id: string, raw: Uint8Array, payload: unknown): Omit<Job, 'token'> {
    const base = job(id)
    return { ...base, event: { ...base.event, raw, payload } }
  }

  it('keeps a binary body byte for byte through enqueue, retry, dead letter, list and replay', async () => {
    const queue = redis({ client, prefix, block: 100 }).queue
    const original = withBody('bin', everyByte, { not: 'the body' })
    await queue.claimAndEnqueue?.('test:bin', claim, original, limits)
    await queue.enqueue({ ...withBody('plain', everyByte, null), token: 't' })
    const seen = await work(
      queue,
      (j, all) =>
        j.event.id === 'bin' && all.filter((s) => s.event.id === 'bin').length === 1
          ? { status: 'retry', delay: 50, succeeded: ['a'], error: new Error('again') }
          : { status: 'dead', succeeded: ['a'], error: new Error('gave up') },
      (all) => all.length === 3,
    )
    expect(seen.map((j) => [j.event.id, j.attempt])).toEqual([
      ['bin', 1],
      ['plain', 1],
      ['bin', 2],
    ])
    for (const j of seen) expect(j.event.raw).toEqual(everyByte)
    expect(seen[2]?.event).toEqual(original.event)

    const letters = await queue.listDeadLetters()
    expect(letters.map((l) => l.job.event)).toEqual([
      withBody('plain', everyByte, null).event,
      original.event,
    ])
    expect(await queue.replayDeadLetters()).toBe(2)
    const replayed = await work(
      queue,
      () => ({ status: 'done' }),
      (all) => all.length === 2,
    )
    expect(replayed.map((j) => j.event)).toEqual(letters.map((l) => l.job.event))
  })

  it('stores the body once as bytes, and the payload only when it is not the JSON of the body', async () => {
    const queue = redis({ client, prefix }).queue
    const payload = { id: 'x', text: 'é ✓ \u2028', n: [1, 2.5, null], nested: { ok: true } }
    const cases = {
      compact: withBody('compact', encoder.encode(JSON.stringify(payload)), payload),
      pretty: withBody('pretty', encoder.encode(JSON.stringify(payload, null, 2)), payload),
      form: withBody('form', encoder.encode('a=1&b=%C3%A9'), { a: '1', b: 'é' }),
      scalar: withBody('scalar', encoder.encode('"just text"'), 'just text'),
      none: withBody('none', new Uint8Array(), undefined),
    }
    for (const [name, j] of Object.entries(cases))
      await queue.claimAndEnqueue?.(`test:${name}`, claim, j, limits)

    const stored = (await client.xrangeBuffer(jobs, '-', '+')).map(([, fields]) => {
      const [, text, , raw] = fields
      return { job: JSON.parse(String(text)), raw: new Uint8Array(raw ?? []) }
    })
    expect(stored.map((s) => s.raw)).toEqual(Object.values(cases).map((j) => j.event.raw))
    // [job] when the payload is the body's JSON (or undefined), [job, payload] when it is not.
    expect(stored.map((s) => s.job.length)).toEqual([1, 2, 2, 1, 1])
    expect(
      stored.map((s) => Object.keys(s.job[0].event).filter((k) => k === 'raw' || k === 'payload')),
    ).toEqual([[], [], [], [], []])

    const seen = await work(
      queue,
      () => ({ status: 'done' }),
      (all) => all.length === 5,
    )
    const byId = new Map(seen.map((j) => [j.event.id, j.event]))
    for (const j of Object.values(cases)) expect(byId.get(j.event.id)).toEqual(j.event)
  })
})

describe('the redis queue: maxPending', () => {
  it('claims nothing and appends nothing once the jobs stream holds maxPending, in the same script', async () => {
    // A prefix of its own per run: useRedis clears only `{prefix}` keys.
    const own = `${prefix}-full-${Date.now()}`
    const queue = redis({ client, prefix: own }).queue
    const fullJobs = `{${own}}:jobs`
    const bound = { maxPending: 2 }
    expect((await queue.claimAndEnqueue?.('test:f1', claim, job('f1'), bound))?.status).toBe('claimed')
    expect((await queue.claimAndEnqueue?.('test:f2', claim, job('f2'), bound))?.status).toBe('claimed')
    expect(await queue.claimAndEnqueue?.('test:f3', claim, job('f3'), bound)).toEqual({ status: 'full' })
    expect(await client.xlen(fullJobs)).toBe(2)
    expect(await queue.pending?.()).toBe(2)
    // Not claimed: once there is room, the sender's retry is claimed like a new delivery.
    expect((await queue.claimAndEnqueue?.('test:f3', claim, job('f3'), { maxPending: 3 }))?.status).toBe(
      'claimed',
    )
    await client.del(...(await client.keys(`{${own}}*`)))
  })
})
