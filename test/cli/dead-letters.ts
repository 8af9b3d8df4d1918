import { randomUUID } from 'node:crypto'
import { run } from '@hookgate/cli'
import type { Job } from '@hookgate/core'
import { type RedisClient, redis, shardOf } from '@hookgate/redis'
import { fakeTerminal } from '../../packages/cli/test/fake-terminal.js'

/**
 * Dead letters made by a real worker, and the CLI run in-process on them: shared by the `dlq` tests on one
 * Redis (dlq.test.ts) and on a Cluster (test/redis-cluster/cli.test.ts).
 */

/** The `prefix` and `shards` of a `redis()`. */
export type Namespace = { prefix: string; shards?: number }

/** The CLI with `target` (where to look: --redis, --prefix, ...) after the command line. */
export const cliOn =
  (...target: string[]) =>
  async (...argv: string[]) => {
    const fake = fakeTerminal()
    const code = await run([...argv, ...target], fake.terminal)
    return { code, stdout: fake.stdout(), stderr: fake.stderr() }
  }

export function job(n: number): Omit<Job, 'token'> & { token: string } {
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

/** One job for each of `shards` shards, the first `job(n)` that hashes to it: `jobs[i]` on shard i. */
export function jobPerShard(shards: number) {
  const jobs = Array.from({ length: shards }, (_, shard) => {
    let n = 1
    while (shardOf(job(n).key, shards) !== shard) n++
    return job(n)
  })
  return { jobs, events: jobs.map((one) => one.event.id ?? '') }
}

/** Runs the queue's worker loop on the namespace `on` with `attempt` until `until()` holds. */
async function work(
  client: RedisClient,
  attempt: Parameters<ReturnType<typeof redis>['queue']['consume']>[0],
  until: () => boolean,
  on: Namespace,
) {
  const controller = new AbortController()
  const { queue } = redis({ client, ...on, block: '50ms', onError: () => {} })
  const loop = queue.consume(attempt, { concurrency: 4, signal: controller.signal })
  const deadline = Date.now() + 5_000
  while (!until() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
  controller.abort()
  await loop
}

/** Enqueues `jobs` on the namespace `on` and runs a worker until it buried them all (every attempt dead). */
export async function bury(client: RedisClient, jobs: Job[], on: Namespace) {
  const { queue } = redis({ client, ...on })
  for (const one of jobs) await queue.enqueue(one)
  let dead = 0
  await work(
    client,
    async () => {
      dead++
      return { status: 'dead', succeeded: [], error: new Error('downstream answered 500') }
    },
    () => dead === jobs.length,
    on,
  )
  return queue
}

/** Runs a worker on the namespace `on` until it ran one job (done), and returns what it ran. */
export async function runOne(client: RedisClient, on: Namespace): Promise<Job[]> {
  const ran: Job[] = []
  await work(
    client,
    async (again) => {
      ran.push(again)
      return { status: 'done' }
    },
    () => ran.length === 1,
    on,
  )
  return ran
}
