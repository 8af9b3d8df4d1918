import { ExitCode } from '@hookgate/cli'
import { type Keyspace, shardKeyspaces, slotOf } from '@hookgate/redis'
import { describe, expect, it } from 'vitest'
import { ownerOf } from '../../packages/redis/test/clients.js'
import { bury, cliOn, job, jobPerShard, type Namespace, runOne } from '../cli/dead-letters.js'
import { fileCluster } from './fixtures/file-cluster.js'

// `hookgate dlq --cluster` on a real 3-primary, 3-replica cluster of the file's own (ports 7120-7125, bus
// ports 17120-17125), given one node as its seed: the dead letters live on the other primaries, which a
// plain client to the seed only reaches as MOVED answers.
const basePort = 7120
const seed = `redis://127.0.0.1:${basePort}`
const cluster = fileCluster(basePort)

const ownerOfShard = (keys: Keyspace) => ownerOf(cluster.client, slotOf(keys.tag.slice(1, -1)))
const deadIn = (shards: readonly Keyspace[]) =>
  Promise.all(shards.map((keys) => cluster.client.xlen(keys.dead)))

/** The first `cluster-cli-<n>` whose slot a primary other than the seed serves. */
async function prefixOffSeed(): Promise<string> {
  for (let n = 0; ; n++) {
    const prefix = `cluster-cli-${n}`
    if ((await ownerOf(cluster.client, slotOf(prefix))) !== basePort) return prefix
  }
}

/** The `dlq list --json` of the namespace `on` through `redis`, as a cluster or not. */
function listed(on: Namespace, redis: string, cluster = true) {
  const flags = ['--redis', redis, '--prefix', on.prefix, '--shards', String(on.shards ?? 1)]
  return cliOn(...flags, ...(cluster ? ['--cluster'] : []))('dlq', 'list', '--json')
}

describe('hookgate dlq --cluster', () => {
  it('lists and replays the dead letters of a namespace on another primary than the seed', async () => {
    const on = { prefix: await prefixOffSeed() }
    const [keys] = shardKeyspaces(on.prefix, 1) as [Keyspace]
    expect(await ownerOfShard(keys)).not.toBe(basePort)
    await bury(cluster.client, [job(1), job(2)], on)

    // A plain client to the seed: every command on the namespace's slot is answered MOVED.
    const plain = await listed(on, seed, false)
    expect(plain.code).toBe(ExitCode.failure)
    expect(plain.stderr).toMatch(/MOVED \d+ 127\.0\.0\.1:\d+/)

    const list = await listed(on, seed)
    expect(list).toMatchObject({ code: ExitCode.ok, stderr: '' })
    const letters = JSON.parse(list.stdout)
    expect(letters.map((letter: { event: { id: string } }) => letter.event.id)).toEqual([
      'evt_dead_1',
      'evt_dead_2',
    ])
    const table = await cliOn('--cluster', '--redis', seed, '--prefix', on.prefix)('dlq', 'list')
    expect(table.stdout).toMatch(/stripe +invoice\.paid +evt_dead_2 .*downstream answered 500/)

    // The seeds as a list, the first of them down: the cluster is found through the second.
    const seeds = `redis://127.0.0.1:1,redis://127.0.0.1:${basePort + 1}`
    const cli = cliOn('--cluster', '--redis', seeds, '--prefix', on.prefix)
    expect(await cli('dlq', 'replay', letters[0].id)).toMatchObject({
      code: ExitCode.ok,
      stdout: 'replayed 1 dead letter\n',
    })
    expect(await cluster.client.xlen(keys.dead)).toBe(1)
    const ran = await runOne(cluster.client, on)
    expect(ran.map((again) => [again.event.id, again.attempt, again.replayed])).toEqual([
      ['evt_dead_1', 1, true],
    ])
    expect((await cli('dlq', 'purge', '--all')).stdout).toBe('purged 1 dead letter\n')
  })

  it('covers every shard with --shards 3, the shards on the three primaries', async () => {
    const on = { prefix: 'cluster-cli-sharded', shards: 3 }
    const shards = shardKeyspaces(on.prefix, on.shards)
    const owners = await Promise.all(shards.map(ownerOfShard))
    expect(new Set(owners).size).toBe(3)
    const { jobs, events } = jobPerShard(3)
    await bury(cluster.client, jobs, on)
    expect(await deadIn(shards)).toEqual([1, 1, 1])

    const plain = await listed(on, seed, false)
    expect(plain.code).toBe(ExitCode.failure)
    expect(plain.stderr).toMatch(/MOVED/)

    const list = await listed(on, seed)
    expect(list).toMatchObject({ code: ExitCode.ok, stderr: '' })
    const letters: { id: string; event: { id: string } }[] = JSON.parse(list.stdout)
    expect(letters.map((letter) => letter.event.id).sort()).toEqual([...events].sort())
    // Replay one whose shard the seed does not serve.
    const away = owners.findIndex((owner) => owner !== basePort)
    const letter = letters.find((one) => one.id.startsWith(`${away}:`))
    expect(letter?.event.id).toBe(events[away])
    const cli = cliOn('--cluster', '--redis', seed, '--prefix', on.prefix, '--shards', '3')
    expect((await cli('dlq', 'show', letter?.id ?? '')).stdout).toContain(`event id:   ${events[away]}`)
    expect(await cli('dlq', 'replay', letter?.id ?? '')).toMatchObject({ code: ExitCode.ok })
    expect(await deadIn(shards)).toEqual(shards.map((_, shard) => (shard === away ? 0 : 1)))
    const ran = await runOne(cluster.client, on)
    expect(ran.map((again) => [again.event.id, again.replayed])).toEqual([[events[away], true]])
    expect((await cli('dlq', 'purge', '--all')).stdout).toBe('purged 2 dead letters\n')
    expect(await deadIn(shards)).toEqual([0, 0, 0])
  })

  it('says which cluster it could not reach, without its password', async () => {
    const nowhere = await cliOn('--cluster', '--redis', 'redis://ops:hunter2@127.0.0.1:1')('dlq', 'list')
    expect(nowhere.code).toBe(ExitCode.failure)
    expect(nowhere.stderr).toMatch(/can not reach the Redis Cluster at redis:\/\/ops:\*\*\*@127\.0\.0\.1:1: /)
    expect(nowhere.stderr).not.toContain('hunter2')
    // Without --cluster a comma is taken for a list only in what is no URL: here it is in a password.
    const comma = await cliOn('--redis', 'redis://ops:hun,ter2@127.0.0.1:1')('dlq', 'list')
    expect(comma.code).toBe(ExitCode.failure)
    expect(comma.stderr).toMatch(/can not reach Redis at redis:\/\/ops:\*\*\*@127\.0\.0\.1:1: /)
  })

  it('refuses seeds that can not work, naming --redis and --cluster, before connecting', async () => {
    for (const [redis, cluster, message] of [
      [`${seed},redis://127.0.0.1:7121`, false, /--redis lists 2 URLs: pass --cluster/],
      [
        `${seed},127.0.0.1:7121`,
        true,
        /--redis .* with --cluster must be redis:\/\/ or rediss:\/\/ seed URLs/,
      ],
      [`${seed}/1`, true, /--redis: a Redis Cluster has database 0 only/],
      [`${seed},redis://:secret@127.0.0.1:7121`, true, /--redis: the seeds of --cluster must share one/],
    ] as const) {
      const refused = await cliOn('--redis', redis, ...(cluster ? ['--cluster'] : []))('dlq', 'list')
      expect(refused.code, redis).toBe(ExitCode.usage)
      expect(refused.stderr).toMatch(message)
      expect(refused.stderr).not.toContain('secret')
    }
  })
})
