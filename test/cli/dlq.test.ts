import { randomUUID } from 'node:crypto'
import { ExitCode, run } from '@hookgate/cli'
import { createRedisClient, shardKeyspaces } from '@hookgate/redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeTerminal } from '../../packages/cli/test/fake-terminal.js'
import { bury, cliOn, job, jobPerShard, runOne } from './dead-letters.js'

type Redis = Awaited<ReturnType<typeof createRedisClient>>

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const prefix = `hookgate-cli-test-${randomUUID().slice(0, 8)}`

const cli = cliOn('--redis', redisUrl, '--prefix', prefix)

describe('hookgate dlq, against real Redis', () => {
  let client: Redis
  const ids: string[] = []

  beforeAll(async () => {
    client = await createRedisClient(redisUrl)
    const queue = await bury(client, [job(1), job(2), job(3)], { prefix })
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

    const ran = await runOne(client, { prefix })
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
      `no dead letters under prefix '${prefix}' on ${redisUrl} (pass --prefix and --shards if the receiver's redis() uses others)\n`,
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

describe('hookgate dlq --shards, on a namespace over 3 shards', () => {
  const sharded = { prefix: `${prefix}-sharded`, shards: 3 }
  const shards = shardKeyspaces(sharded.prefix, sharded.shards)
  const cliSharded = cliOn('--redis', redisUrl, '--prefix', sharded.prefix, '--shards', '3')
  let client: Redis
  /** The event ids buried, one on each shard: `events[i]` on shard i. */
  const { jobs, events } = jobPerShard(3)
  const buried = () => cliSharded('dlq', 'list', '--json').then((listed) => JSON.parse(listed.stdout))

  beforeAll(async () => {
    client = await createRedisClient(redisUrl)
    await bury(client, jobs, sharded)
    expect(await Promise.all(shards.map((keys) => client.xlen(keys.dead)))).toEqual([1, 1, 1])
  })

  afterAll(async () => {
    const keys = await client.keys(`{${sharded.prefix}:*}*`)
    if (keys.length) await client.del(...keys)
    client.disconnect()
  })

  it('lists the dead letters of every shard, their ids <shard>:<stream id>, and counts them all', async () => {
    const letters = await buried()
    expect(letters.map((letter: { event: { id: string } }) => letter.event.id).sort()).toEqual(
      [...events].sort(),
    )
    for (const letter of letters)
      expect(letter.id).toMatch(new RegExp(`^${events.indexOf(letter.event.id)}:\\d+-\\d+$`))
    const table = await cliSharded('dlq', 'list')
    for (const event of events) expect(table.stdout).toMatch(new RegExp(`stripe +invoice\\.paid +${event} `))
    expect((await cliSharded('dlq', 'list', '--limit', '1')).stdout).toMatch(
      /^1 of 3 dead letters shown: 2 more \(raise --limit\)$/m,
    )
    // Without --shards it looks under {prefix} only, and says which flags to check.
    expect((await cliOn('--redis', redisUrl, '--prefix', sharded.prefix)('dlq', 'list')).stdout).toMatch(
      /^no dead letters under prefix '[^']+' on .* \(pass --prefix and --shards /,
    )
  })

  it('shows and replays a dead letter of shard 2, back onto its shard', async () => {
    const letter = (await buried()).find((one: { id: string }) => one.id.startsWith('2:'))
    expect(letter.event.id).toBe(events[2])
    const shown = await cliSharded('dlq', 'show', letter.id)
    expect(shown.code).toBe(ExitCode.ok)
    expect(shown.stdout).toContain(`event id:   ${events[2]}`)

    expect(await cliSharded('dlq', 'replay', letter.id)).toMatchObject({
      code: ExitCode.ok,
      stdout: 'replayed 1 dead letter\n',
    })
    expect(await Promise.all(shards.map((keys) => client.xlen(keys.dead)))).toEqual([1, 1, 0])
    const ran = await runOne(client, sharded)
    expect(ran.map((again) => [again.event.id, again.attempt, again.replayed])).toEqual([
      [events[2], 1, true],
    ])
  })

  it('purges by <shard>:<stream id>, says what an unprefixed id lacks, then purges every shard', async () => {
    const [first] = await buried()
    const unprefixed = await cliSharded('dlq', 'purge', first.id.slice(first.id.indexOf(':') + 1))
    expect(unprefixed.code).toBe(ExitCode.failure)
    expect(unprefixed.stderr).toMatch(
      /1 of the given ids were not found under .*\(3 shards, ids <shard>:<stream id>\)/,
    )
    expect((await cliSharded('dlq', 'purge', first.id)).stdout).toBe('purged 1 dead letter\n')
    expect((await cliSharded('dlq', 'purge', '--all')).stdout).toBe('purged 1 dead letter\n')
    expect(await Promise.all(shards.map((keys) => client.xlen(keys.dead)))).toEqual([0, 0, 0])
  })

  it('refuses a --shards redis() would refuse, naming it, before connecting', async () => {
    const nowhere = ['--redis', 'redis://127.0.0.1:1']
    for (const [shards, message] of [
      ['0', /option '--shards <n>' argument '0' is invalid/],
      ['257', /--shards must be an integer from 1 to 256, got 257/],
    ] as const) {
      const fake = fakeTerminal()
      expect(await run(['dlq', 'list', '--shards', shards, ...nowhere], fake.terminal)).toBe(ExitCode.usage)
      expect(fake.stderr()).toMatch(message)
    }
  })
})
