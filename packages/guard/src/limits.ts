import { type Duration, type Guard, type GuardRequest, type Outcome, toMs } from '@hookgate/core'
import { rejectionOutcome } from '@hookgate/core/adapter'
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'
import { parseClientAddress } from './client-address.js'
import { GuardOptionError } from './errors.js'

/**
 * The limiter of `rateLimit` and `failureLimit`: a `rate-limiter-flexible` instance of yours (a
 * `RateLimiterRedis({ storeClient })`, so the limit holds across instances), or `points` per `duration`
 * in this process's memory.
 */
export type LimitOptions =
  | {
      /**
       * Your limiter: its own `points`, `duration`, `blockDuration` and `keyPrefix` apply. Give each guard
       * its own `keyPrefix`, or two guards count into one budget.
       * @default none: a `RateLimiterMemory` of `points` per `duration`
       */
      limiter: RateLimiterAbstract
    }
  | {
      /**
       * Requests (`rateLimit`) or refusals (`failureLimit`) an address may have per `duration`.
       * @default none: required without a limiter
       */
      points: number
      /**
       * The window `points` count in.
       * @default none: required without a limiter
       */
      duration: Duration
    }

/** The limiter the options name, checked; `guard` names the guard in errors. */
function limiterOf(options: LimitOptions, guard: string): RateLimiterAbstract {
  if (options === null || typeof options !== 'object')
    throw new GuardOptionError(`${guard}: options are required`)
  if ('limiter' in options) {
    const { limiter } = options
    if (typeof limiter?.consume !== 'function' || typeof limiter.get !== 'function') {
      throw new GuardOptionError(`${guard}: limiter must be a rate-limiter-flexible limiter`)
    }
    return limiter
  }
  const { points } = options
  if (!Number.isInteger(points) || points < 1) {
    throw new GuardOptionError(`${guard}: points must be a whole number >= 1, got ${String(points)}`)
  }
  const seconds = toMs(options.duration, `${guard}: duration`) / 1000
  if (!(seconds > 0)) throw new GuardOptionError(`${guard}: duration must be longer than 0`)
  return new RateLimiterMemory({ points, duration: seconds })
}

/** 429 `rate_limited`, with `Retry-After` in whole seconds (at least 1) from the limiter's `msBeforeNext`. */
function limited(res: RateLimiterRes, message: string): Outcome {
  const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000))
  return rejectionOutcome('rate_limited', message, { 'retry-after': String(seconds) })
}

/**
 * A guard that limits the requests of each client address: past the limiter's points in its window, 429
 * `rate_limited` with `Retry-After`, before any hashing. Each request consumes a point, valid or not. A
 * request without a client address is refused 403 (see `allowFrom`). If the limiter's store fails (Redis
 * down), the receiver logs a warning and lets the request through.
 */
export function rateLimit(options: LimitOptions): Guard {
  const limiter = limiterOf(options, 'rateLimit')
  return {
    async check(request: GuardRequest): Promise<Outcome | undefined> {
      const client = parseClientAddress(request)
      if (!client.ok) return client.outcome
      const key = client.address.toString()
      try {
        await limiter.consume(key)
        return undefined
      } catch (rejection) {
        // rate-limiter-flexible rejects with a RateLimiterRes when the points are spent, an Error when its store failed.
        if (rejection instanceof RateLimiterRes) return limited(rejection, `too many requests from ${key}`)
        throw rejection
      }
    },
  }
}

/**
 * A guard that stops an address after too many refused signatures: each 401 answered to it (an
 * `invalid_signature`, a stale timestamp, an unknown tenant) consumes a point, and while its points are
 * spent every request from it is refused 429 `rate_limited` with `Retry-After`, without hashing. Other
 * addresses are not affected. Store failures are handled as in `rateLimit`.
 */
export function failureLimit(options: LimitOptions): Guard {
  const limiter = limiterOf(options, 'failureLimit')
  return {
    async check(request: GuardRequest): Promise<Outcome | undefined> {
      const client = parseClientAddress(request)
      if (!client.ok) return client.outcome
      const key = client.address.toString()
      const res = await limiter.get(key)
      if (res === null || res.consumedPoints < limiter.points) return undefined
      return limited(res, `too many refused signatures from ${key}`)
    },
    async observe(request: GuardRequest, outcome: Outcome): Promise<void> {
      if (outcome.status !== 401) return
      const client = parseClientAddress(request)
      if (!client.ok) return
      await limiter.consume(client.address.toString()).catch((rejection: unknown) => {
        // Points already spent: the address is refused until they come back, which is all a point says.
        if (!(rejection instanceof RateLimiterRes)) throw rejection
      })
    },
  }
}
