import type { RedisClient } from './options.js'
import * as ordering from './ordering-scripts.js'
import * as scripts from './scripts.js'

type Arg = string | number | Buffer

/**
 * The scripts, callable on a client: EVALSHA, falling back to EVAL on NOSCRIPT (ioredis `defineCommand`).
 * `defineCommand` also makes a `...Buffer` variant of each, which answers bytes: promote returns job bodies.
 */
export type Commands = {
  [Name in keyof typeof definitions]: (...args: Arg[]) => Promise<unknown>
} & {
  hookgatePromoteBuffer: (...args: Arg[]) => Promise<unknown>
}

const definitions = {
  hookgateClaim: scripts.claimScript,
  hookgateClaimAndEnqueue: scripts.claimAndEnqueueScript,
  hookgateAcquire: scripts.acquireScript,
  hookgateComplete: scripts.completeScript,
  hookgateRelease: scripts.releaseScript,
  hookgateExtend: scripts.extendScript,
  hookgateAck: scripts.ackScript,
  hookgateRetry: scripts.retryScript,
  hookgateBury: scripts.buryScript,
  hookgatePromote: scripts.promoteScript,
  hookgateHeartbeat: scripts.heartbeatScript,
  hookgateReplay: scripts.replayScript,
  hookgateHoldOrder: ordering.holdOrderScript,
  hookgateExtendOrder: ordering.extendOrderScript,
  hookgateReleaseOrder: ordering.releaseOrderScript,
} as const

const defined = new WeakSet<RedisClient>()

/** Defines the scripts on `client` once (a store and a queue sharing one client share them too). */
export function commands(client: RedisClient): Commands {
  if (!defined.has(client)) {
    for (const [name, definition] of Object.entries(definitions)) client.defineCommand(name, definition)
    defined.add(client)
  }
  return client as unknown as Commands
}
