// Every error of @hookgate/guard, each with a `code` for machines. A refusal of a request is no error:
// it is an `Outcome` (403 `forbidden_address`, 429 `rate_limited`), from core's one table of rejections.

/** A guard was given options it cannot work with: thrown when the guard is created, naming the option. */
export class GuardOptionError extends TypeError {
  override readonly name = 'GuardOptionError'
  readonly code = 'invalid_guard_option'
}

/** `fetchRanges` could not get a sender's published ranges (network, status, or a body of another shape). */
export class RangesUnavailableError extends Error {
  override readonly name = 'RangesUnavailableError'
  readonly code = 'ranges_unavailable'
}
