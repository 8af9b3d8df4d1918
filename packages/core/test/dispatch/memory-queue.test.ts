import { type AttemptResult, deadLetterListLimit, type Job, memoryQueue } from '@hookgate/core'
import { afterEach, describe, expect, it, vi } from 'vitest'

const job = (key: string): Job => ({
  key,
  token: 't',
  event: { id: key, type: 't', payload: {}, raw: new Uint8Array(), headers: {}, providerName: 'p' },
  attempt: 1,
  succeeded: [],
  receivedAt: 0,
})

afterEach(() => {
  vi.useRealTimers()
})

describe('memoryQueue', () => {
  it('runs at most `concurrency` attempts at once, in order', async () => {
    const queue = memoryQueue()
    const abort = new AbortController()
    let running = 0
    let peak = 0
    const order: string[] = []
    const consuming = queue.consume(
      async (j) => {
        running++
        peak = Math.max(peak, running)
        order.push(j.key)
        await new Promise((resolve) => setTimeout(resolve, 5))
        running--
        return { status: 'done' }
      },
      { concurrency: 2, signal: abort.signal },
    )
    for (const key of ['a', 'b', 'c', 'd', 'e']) await queue.enqueue(job(key))
    abort.abort()
    await consuming
    expect(order).toEqual(['a', 'b', 'c', 'd', 'e'])
    expect(peak).toBe(2)
  })

  it('carries out retry decisions on timers with the next attempt and what succeeded', async () => {
    vi.useFakeTimers()
    const queue = memoryQueue()
    const seen: Job[] = []
    void queue.consume(
      async (j): Promise<AttemptResult> => {
        seen.push(j)
        return j.attempt < 3
          ? {
              status: 'retry',
              delay: 1_000,
              succeeded: [...j.succeeded, `h${j.attempt}`],
              error: new Error('x'),
            }
          : { status: 'done' }
      },
      { concurrency: 1, signal: new AbortController().signal },
    )
    await queue.enqueue(job('a'))
    expect(seen).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(999)
    expect(seen).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(seen.map((j) => [j.attempt, j.succeeded])).toEqual([
      [1, []],
      [2, ['h1']],
    ])
    await vi.advanceTimersByTimeAsync(1_000)
    expect(seen.at(-1)).toMatchObject({ attempt: 3, succeeded: ['h1', 'h2'] })
  })

  it('keeps dead letters (bounded, oldest dropped), replays and purges them', async () => {
    const queue = memoryQueue({ deadLetterLimit: 2 })
    const attempts: Job[] = []
    let fail = true
    void queue.consume(
      async (j): Promise<AttemptResult> => {
        attempts.push(j)
        return fail
          ? { status: 'dead', succeeded: ['h0'], error: new Error(`dead ${j.key}`) }
          : { status: 'done' }
      },
      { concurrency: 4, signal: new AbortController().signal },
    )
    for (const key of ['a', 'b', 'c']) await queue.enqueue(job(key))
    await vi.waitFor(async () => expect(await queue.listDeadLetters()).toHaveLength(2))
    const letters = await queue.listDeadLetters()
    expect(letters.map((l) => [l.job.key, l.error, l.job.succeeded])).toEqual([
      ['b', 'dead b', ['h0']],
      ['c', 'dead c', ['h0']],
    ])
    expect(await queue.listDeadLetters({ limit: 1 })).toHaveLength(1)
    fail = false
    expect(await queue.replayDeadLetters([letters[0]!.id, 'unknown'])).toBe(1)
    await vi.waitFor(() =>
      expect(attempts.at(-1)).toMatchObject({ key: 'b', attempt: 1, replayed: true, succeeded: ['h0'] }),
    )
    expect(await queue.purgeDeadLetters()).toBe(1)
    expect(await queue.listDeadLetters()).toEqual([])
  })

  it('lists deadLetterListLimit (100) dead letters when given no limit, as every queue does', async () => {
    const queue = memoryQueue()
    const abort = new AbortController()
    const consuming = queue.consume(
      async (j) => ({ status: 'dead', succeeded: [], error: new Error(j.key) }),
      {
        concurrency: 8,
        signal: abort.signal,
      },
    )
    for (let i = 0; i < deadLetterListLimit + 5; i++) await queue.enqueue(job(`k${i}`))
    abort.abort()
    await consuming
    expect(deadLetterListLimit).toBe(100)
    const listed = await queue.listDeadLetters()
    expect(listed).toHaveLength(deadLetterListLimit)
    expect(listed[0]?.job.key).toBe('k0')
    expect(await queue.listDeadLetters({ limit: 500 })).toHaveLength(deadLetterListLimit + 5)
  })

  it('dead-letters a job whose attempt function rejects, instead of looping', async () => {
    const queue = memoryQueue()
    void queue.consume(() => Promise.reject(new Error('bug')), {
      concurrency: 1,
      signal: new AbortController().signal,
    })
    await queue.enqueue(job('a'))
    await vi.waitFor(async () => expect((await queue.listDeadLetters())[0]?.error).toBe('bug'))
  })

  it('runs waiting jobs before consume resolves on abort, and refuses a second consumer', async () => {
    const queue = memoryQueue()
    const done: string[] = []
    for (const key of ['a', 'b']) await queue.enqueue(job(key))
    const abort = new AbortController()
    abort.abort()
    await queue.consume(
      async (j) => {
        done.push(j.key)
        return { status: 'done' }
      },
      { concurrency: 1, signal: abort.signal },
    )
    expect(done).toEqual(['a', 'b'])
    const live = new AbortController()
    void queue.consume(async () => ({ status: 'done' }), { concurrency: 1, signal: live.signal })
    await expect(
      queue.consume(async () => ({ status: 'done' }), { concurrency: 1, signal: live.signal }),
    ).rejects.toThrow(/already has a consumer/)
    live.abort()
  })
})
