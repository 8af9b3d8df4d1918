import { isCluster } from './client.js'
import { type Commands, commands } from './commands.js'
import { NotReplicatedError } from './errors.js'
import type { Connection, QueueSettings } from './settings.js'

type Arg = string | number | Buffer
type Reply = [error: Error | null, result: unknown]
type WaitingPipeline = Pick<Commands, 'hookgateClaimAndEnqueue' | 'hookgateAcquire'> & {
  incrby(key: string, by: number): unknown
  wait(replicas: number, timeout: number): unknown
  exec(): Promise<Reply[] | null>
}

/**
 * One script under `durability`: the script, a write that changes nothing (`INCRBY fence 0`), then
 * `WAIT replicas timeout`, in one pipeline, so in one round trip and on one connection (on a Cluster the
 * pipeline goes to the node of the script's slot), a connection of their own: `WAIT` holds it until the
 * replicas answer. `WAIT` waits for this connection's last write; the empty write makes that "everything
 * the primary held when it answered" (replication is one ordered stream), so a duplicate's answer also
 * waits for the claim it met, written by another delivery's connection and perhaps not replicated yet.
 * Short of replicas: `undo` (given the script's reply), then `NotReplicatedError`, a 503.
 *
 * ioredis sends a script's first use on a connection as `EVAL`, so its `NOSCRIPT` resend (outside the
 * pipeline, after the `WAIT`) happens only if the script cache was flushed under a live connection.
 */
async function waited(
  settings: QueueSettings,
  fence: string,
  script: (pipeline: WaitingPipeline) => void,
  undo?: (reply: unknown, scripts: Commands) => Promise<boolean>,
): Promise<unknown> {
  if (!settings.durability) throw new TypeError('unreachable: a replicated call without durability')
  const { replicas, timeout, connection } = settings.durability
  const client = await connection()
  commands(client) // defines the scripts on this connection, once
  const pipeline = client.pipeline() as unknown as WaitingPipeline
  script(pipeline)
  pipeline.incrby(fence, 0)
  pipeline.wait(replicas, timeout)
  const [[error, reply] = [null, undefined], , [waitError, acknowledged] = [null, 0]] =
    (await pipeline.exec()) ?? []
  if (error) {
    // A Cluster follows a MOVED itself, but not in a pipeline that holds a write it cannot resend (WAIT):
    // told of no new primary, it would send every later pipeline to the old one until its periodic refresh.
    if (isCluster(client) && /^(MOVED|ASK) /.test(error.message)) client.refreshSlotsCache()
    throw error
  }
  // Neither is a 2xx nor a hold on a claim: nothing to wait for.
  if (reply === 'full' || reply === 'conflict') return reply
  if (!waitError && Number(acknowledged) >= replicas) return reply
  const undone = (await undo?.(reply, commands(client))) ? '; released the claim' : ''
  const short = waitError
    ? `WAIT failed (${waitError.message})`
    : `${Number(acknowledged)} of ${replicas} replicas`
  throw new NotReplicatedError(`${short} acknowledged within ${timeout} ms${undone}`)
}

/**
 * The claim-and-enqueue script under `durability`. Claimed but short of replicas: the claim is released,
 * so the sender's retry claims the id again and waits again, rather than meet a claim that may vanish in a
 * failover and be answered `duplicate`. The job already in the stream finds its claim gone and takes it,
 * or finds the retry's claim and does nothing: one delivery's job runs, and (see `durableStore`) only
 * once the replicas have it.
 */
export const replicatedClaimAndEnqueue = (
  settings: QueueSettings,
  claim: { key: string; token: string },
  args: readonly Arg[],
) =>
  waited(
    settings,
    settings.connection.keys.fence,
    (pipeline) => pipeline.hookgateClaimAndEnqueue(...args),
    async (reply, scripts) =>
      typeof reply === 'number' && (await scripts.hookgateRelease(claim.key, claim.token)) === 1,
  )

/**
 * The store's connection under `durability`: `acquire`, which starts every attempt of a queued job, waits
 * for the replicas too, so no handler runs on a job a failover could still take back (its claim and job
 * gone, the sender's retry then run as a new delivery). Short of replicas, the attempt is retried later.
 * Renewals and completions are not waited for: a failover may lose one, and the job then runs again (at
 * least once, as after a crash).
 */
export function durableStore(settings: QueueSettings): Connection {
  const { connection } = settings
  if (!settings.durability) return connection
  const acquire = (...args: Arg[]) =>
    waited(settings, connection.keys.fence, (pipeline) => pipeline.hookgateAcquire(...args))
  const scripts = new Proxy(connection.scripts, {
    get: (target, name) => {
      if (name === 'hookgateAcquire') return acquire
      const value: unknown = Reflect.get(target, name)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
  return { ...connection, scripts }
}
