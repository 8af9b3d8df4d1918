import type { MaybePromise } from '../maybe-promise.js'
import type { Logger } from '../observe/hooks.js'
import type { Outcome } from '../outcome/outcome.js'
import type { RawRequest } from '../request.js'

/**
 * What a guard sees of a request: everything but the body, which it must not need (a guard decides before
 * any byte is hashed). It is the request itself, not a copy, so guards cost no allocation.
 */
export type GuardRequest = Readonly<Pick<RawRequest, 'clientAddress' | 'headers' | 'method' | 'url'>>

/**
 * A check run before anything else in `receive()` (allowlists and rate limits: `@hookgate/guard`). It
 * costs a flood what the guard costs, not an HMAC.
 */
export interface Guard {
  /**
   * An `Outcome` refuses the request as it is (a rejection, for hooks too); `undefined` lets it through
   * to the next guard, then to the provider. A guard that throws or rejects is skipped with a warning
   * (fail open): a guard sheds load, the signature still decides what is accepted.
   */
  check(request: GuardRequest): MaybePromise<Outcome | undefined>
  /**
   * Told every answer, the guards' own refusals included, without being awaited (to count the
   * `invalid_signature`s of an address). A rejection is logged as a warning.
   */
  observe?(request: GuardRequest, outcome: Outcome): MaybePromise<void>
}

/** The first refusal of the guards, in order, or `undefined` when every one lets the request through. */
export async function checkGuards(
  guards: readonly Guard[],
  request: GuardRequest,
  logger: Logger,
): Promise<Outcome | undefined> {
  for (const guard of guards) {
    try {
      const refusal = await guard.check(request)
      if (refusal !== undefined) return refusal
    } catch (error) {
      logger.warn(
        { err: error },
        'a guard failed: the request goes on unguarded (its signature still decides)',
      )
    }
  }
  return undefined
}

/** Tells every guard the answer; nothing waits on them. */
export function observeGuards(
  guards: readonly Guard[],
  request: GuardRequest,
  outcome: Outcome,
  logger: Logger,
): void {
  const warn = (error: unknown) => logger.warn({ err: error }, 'a guard failed to observe an answer')
  for (const guard of guards) {
    try {
      const observed = guard.observe?.(request, outcome)
      if (observed instanceof Promise) observed.catch(warn)
    } catch (error) {
      warn(error)
    }
  }
}
