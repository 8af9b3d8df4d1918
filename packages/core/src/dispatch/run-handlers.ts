import { messageOf } from '../errors.js'
import type { WebhookEvent } from '../event.js'
import type { HandlerContext, RegisteredHandler, Route } from '../handlers/registry.js'
import type { Logger } from '../observe/hooks.js'
import type { ValidatedPayloads } from '../schema/standard-schema.js'
import type { ClaimKeeper, RunningAttempt } from './claim-keeper.js'

export type HandlerFailure = { id: string; error: unknown }

/**
 * Runs the handlers of the route that have not succeeded yet, all at once, with `fence` as `ctx.fence`
 * (the claim's, or the order key's), the claim renewed while they run. Never rejects.
 */
export async function runHandlers(
  running: RunningAttempt,
  route: Route,
  payloads: ValidatedPayloads | undefined,
  fence: number | undefined,
  claims: ClaimKeeper,
  logger: Logger,
): Promise<{ succeeded: string[]; failures: HandlerFailure[] }> {
  const { job, deliveryId } = running
  const pending = job.succeeded.length === 0 ? route.handlers : notYetRun(running, route, logger)
  const ctx: HandlerContext = {
    attempt: job.attempt,
    deliveryId,
    fence,
    // A getter: the attempt makes its signal only for handlers that read it.
    get signal() {
      return running.signal
    },
    log: logger.child ? logger.child({ deliveryId, type: job.event.type, attempt: job.attempt }) : logger,
  }
  claims.handlersStarted(running)
  // Most routes have one handler: no Promise.all (an array, a promise and a resolver per handler) for it.
  const results =
    pending.length === 1
      ? [await invoke(pending[0]!, job.event, payloads, ctx)]
      : await Promise.all(pending.map((handler) => invoke(handler, job.event, payloads, ctx)))
  claims.handlersEnded(running)
  const succeeded = [...job.succeeded]
  const failures: HandlerFailure[] = []
  for (let i = 0; i < pending.length; i++) {
    const id = pending[i]!.id
    const result = results[i]
    if (result === undefined) succeeded.push(id)
    else failures.push({ id, error: result.error })
  }
  return { succeeded, failures }
}

/**
 * The route's handlers that have not succeeded yet. A job retried after a deploy may name handlers that
 * no longer exist (removed, or renamed without an id): the others run, and the operator is told which.
 */
function notYetRun(running: RunningAttempt, route: Route, logger: Logger): readonly RegisteredHandler[] {
  const { succeeded } = running.job
  const gone = succeeded.filter((id) => !route.handlers.some((handler) => handler.id === id))
  if (gone.length > 0) {
    logger.warn(
      { deliveryId: running.deliveryId, type: running.job.event.type, missingHandlers: gone },
      'this job records handlers as succeeded that are no longer registered; the remaining handlers run',
    )
  }
  return route.handlers.filter((handler) => !succeeded.includes(handler.id))
}

/** Runs one handler; resolves to its failure or undefined, never rejects. */
async function invoke(
  handler: RegisteredHandler,
  event: WebhookEvent,
  payloads: ValidatedPayloads | undefined,
  ctx: HandlerContext,
): Promise<{ error: unknown } | undefined> {
  try {
    const seen = handler.schema && payloads ? { ...event, payload: payloads.get(handler.schema) } : event
    await (handler.run as (event: WebhookEvent, ctx: HandlerContext) => unknown)(seen, ctx)
    return undefined
  } catch (error) {
    return { error }
  }
}

export function failureError(failures: readonly HandlerFailure[]): unknown {
  if (failures.length === 1) return failures[0]!.error
  return new AggregateError(
    failures.map((f) => f.error),
    `${failures.length} handlers failed: ${failures.map((f) => `${f.id}: ${messageOf(f.error)}`).join('; ')}`,
  )
}
