import { randomUUID } from 'node:crypto'
import { ExitCode, run } from '@hookgate/cli'
import type { Job } from '@hookgate/core'
import { createRedisClient, redis } from '@hookgate/redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeTerminal } from '../../packages/cli/test/fake-terminal.js'

type Redis = Awaited<ReturnType<typeof createRedisClient>>

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const prefix = `hookgate-cli-test-${randomUUID().slice(0, 8)}`

async function cli(...argv: string[]) {
  const fake = fakeTerminal()
  const code = await run([...argv, '--redis', redisUrl, '--prefix', prefix], fake.terminal)
  return { code, stdout: fake.stdout(), stderr: fake.stderr() }
}

function job(n: number): Omit<Job, 'token'> & { token: string } {
  const body = JSON.stringify({ id: `evt_dead_${n}`, type: 'invoice.paid', data: { amount: n } })
  return {
    key: `stripe:evt_dead_${n}`,
    token: randomUUID(),
    attempt: 8,
    succeeded: [],
    receivedAt: Date.now(),
    event: {
      id: `evt_dead_${n}`,
      type: 'invoice.paid',
      providerName: 'stripe',
      payload: JSON.parse(body),
      raw: new TextEncoder().encode(body),
      headers: { 'stripe-signature': 't=1,v1=00' },
    },
  }
}

/** Runs the queue's worker loop with `attempt` until `until()` holds. */
async function work(
  client: Redis,
  attempt: Parameters<ReturnType<typeof redis>['queue']['consume']>[0],
  until: () => boolean,
) {
  const controller = new AbortController()
  const { queue } = redis({ client, prefix, block: '50ms', onError: () => {} })
  const loop = queue.consume(attempt, { concurrency: 4, signal: controller.signal })
  const deadline = Date.now() + 5_000
  while (!until() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
  controller.abort()
  await loop
}

describe('hookgate dlq, against real Redis', () => {
  let client: Redis
  const ids: string[] = []

  beforeAll(async () => {
    client = await createRedisClient(redisUrl)
    const { queue } = redis({ client, prefix })
    for (const n of [1, 2, 3]) await queue.enqueue(job(n))
    let buried = 0
    await work(
      client,
      async () => {
        buried++
        return { status: 'dead', succeeded: [], error: new Error('downstream answered 500') }
      },
      () => buried === 3,
    )
    ids.push(...(await queue.listDeadLetters()).map((letter) => letter.id))
    expect(ids).toHaveLength(3)
  })

  afterAll(async () => {
    const keys = await client.keys(`{${prefix}}*`)
    if (keys.length) await client.del(...keys)
    client.disconnect()
  })

  it('lists dead letters as a table and as JSON', async () => {
    const table = await cli('dlq', 'list')
    expect(table.code).toBe(ExitCode.ok)
    expect(table.stdout).toMatch(/^id +failed at +provider +type +event id +attempts +error$/m)
    for (const n of [1, 2, 3])
      expect(table.stdout).toMatch(
        new RegExp(`stripe +invoice\\.paid +evt_dead_${n} .*downstream answered 500`),
      )

    const json = await cli('dlq', 'list', '--json')
    const letters = JSON.parse(json.stdout)
    expect(letters.map((letter: { id: string }) => letter.id)).toEqual(ids)
    expect(letters[0]).toMatchObject({
      error: 'downstream answered 500',
      event: { id: 'evt_dead_1', type: 'invoice.paid' },
    })
  })

  it('says how many more there are than --limit shows', async () => {
    const table = await cli('dlq', 'list', '--limit', '1')
    expect(table.code).toBe(ExitCode.ok)
    expect(table.stdout).toContain(ids[0])
    expect(table.stdout).not.toContain(ids[1])
    expect(table.stdout).toMatch(/^1 of 3 dead letters shown: 2 more \(raise --limit\)$/m)
    expect((await cli('dlq', 'list', '--limit', '3')).stdout).not.toMatch(/more/)

    // JSON stays an array of what was listed; the count goes to stderr.
    const json = await cli('dlq', 'list', '--limit', '1', '--json')
    expect(JSON.parse(json.stdout).map((letter: { id: string }) => letter.id)).toEqual([ids[0]])
    expect(json.stderr).toBe('hookgate: 1 of 3 dead letters shown: 2 more (raise --limit)\n')
  })

  it('shows one dead letter with its headers and payload, and fails on an unknown id', async () => {
    const shown = await cli('dlq', 'show', ids[1]!)
    expect(shown.code).toBe(ExitCode.ok)
    expect(shown.stdout).toContain(`id:         ${ids[1]}`)
    expect(shown.stdout).toContain('error:      downstream answered 500')
    expect(shown.stdout).toContain('  stripe-signature: t=1,v1=00')
    expect(shown.stdout).toContain('"amount": 2')

    const missing = await cli('dlq', 'show', '1-1')
    expect(missing.code).toBe(ExitCode.failure)
    expect(missing.stderr).toMatch(/no dead letter 1-1/)
  })

  it('replays a dead letter back onto the stream with a fresh attempt count', async () => {
    const replayed = await cli('dlq', 'replay', ids[0]!)
    expect(replayed).toMatchObject({ code: ExitCode.ok, stdout: 'replayed 1 dead letter\n' })
    const remaining = JSON.parse((await cli('dlq', 'list', '--json')).stdout)
    expect(remaining.map((letter: { id: string }) => letter.id)).toEqual(ids.slice(1))

    const ran: Job[] = []
    await work(
      client,
      async (again) => {
        ran.push(again)
        return { status: 'done' }
      },
      () => ran.length === 1,
    )
    expect(ran).toHaveLength(1)
    expect(ran[0]).toMatchObject({
      attempt: 1,
      event: { id: 'evt_dead_1', payload: { data: { amount: 1 } } },
    })
  })

  it('exits 1 when a given id does not exist', async () => {
    const replayed = await cli('dlq', 'replay', '1-1', '--json')
    expect(replayed.code).toBe(ExitCode.failure)
    expect(JSON.parse(replayed.stdout)).toEqual({ replayed: 0, missing: 1 })
  })

  it('purges by id, refuses to purge everything without --all, then purges all', async () => {
    expect((await cli('dlq', 'purge')).code).toBe(ExitCode.usage)
    expect(await cli('dlq', 'purge', ids[1]!)).toMatchObject({
      code: ExitCode.ok,
      stdout: 'purged 1 dead letter\n',
    })
    expect(await cli('dlq', 'purge', '--all')).toMatchObject({
      code: ExitCode.ok,
      stdout: 'purged 1 dead letter\n',
    })
    // Where it looked, so a receiver on another prefix is not mistaken for one without dead letters.
    expect((await cli('dlq', 'list')).stdout).toBe(
      `no dead letters under prefix '${prefix}' on ${redisUrl} (pass --prefix if the receiver's redis() uses another)\n`,
    )
  })

  it('says which Redis it could not reach, without its password', async () => {
    const fake = fakeTerminal()
    const code = await run(['dlq', 'list', '--redis', 'redis://ops:hunter2@127.0.0.1:1'], fake.terminal)
    expect(code).toBe(ExitCode.failure)
    expect(fake.stderr()).toMatch(/can not reach Redis at redis:\/\/ops:\*\*\*@127\.0\.0\.1:1/)
    expect(fake.stderr()).not.toContain('hunter2')
  })
})
