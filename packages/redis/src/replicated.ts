import type { Commands } from './commands.js'
import { NotReplicatedError } from './errors.js'
import type { QueueSettings } from './settings.js'

type Arg = string | number | Buffer
type Reply = [error: Error | null, result: unknown]
type WaitingPipeline = Pick<Commands, 'hookgateClaimAndEnqueue'> & {
  wait(replicas: number, timeout: number): unknown
  exec(): Promise<Reply[] | null>
}

/**
 * The claim-and-enqueue script under `durability`: the script, then `WAIT replicas timeout`, in one
 * pipeline, so in one round trip and on one connection (`WAIT` counts the replicas that have this
 * connection's writes; on a Cluster the pipeline goes to the node of the claim's slot). Claimed but short of
 * replicas: the claim is released and `NotReplicatedError` thrown (503), so the sender's retry claims the
 * id again and waits again, rather than meet a claim that may vanish in a failover and answer it
 * `duplicate`. The job already in the stream may then run: it finds its claim gone and takes it, or finds
 * the retry's claim and does nothing; either way the id runs once.
 *
 * ioredis sends a script's first use on a connection as `EVAL`, so its `NOSCRIPT` resend (outside the
 * pipeline, after the `WAIT`) happens only if the script cache was flushed under a live connection.
 */
export async function replicated(
  settings: QueueSettings,
  claim: { key: string; token: string },
  args: readonly Arg[],
): Promise<unknown> {
  const { client, scripts } = settings.connection
  const { replicas, timeout } = settings.durability ?? { replicas: 0, timeout: 0 }
  const pipeline = client.pipeline() as unknown as WaitingPipeline
  pipeline.hookgateClaimAndEnqueue(...args)
  pipeline.wait(replicas, timeout)
  const [[claimError, status] = [null, undefined], [waitError, acknowledged] = [null, 0]] =
    (await pipeline.exec()) ?? []
  if (claimError) throw claimError
  // Not claimed: nothing was written, nothing to wait for.
  if (typeof status !== 'number') return status
  if (waitError || Number(acknowledged) < replicas) {
    await scripts.hookgateRelease(claim.key, claim.token)
    throw new NotReplicatedError(
      `${waitError ? `WAIT failed (${waitError.message})` : `${Number(acknowledged)} of ${replicas} replicas`} ` +
        `acknowledged the claim within ${timeout} ms; released it`,
    )
  }
  return status
}
