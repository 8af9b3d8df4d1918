// Guards for a receiver's `guards` option: checked before any hashing, so a flood costs what they cost.
export type { AllowFromGuard, AllowFromOptions } from './allow-from.js'
export { allowFrom } from './allow-from.js'
export { GuardOptionError, RangesUnavailableError } from './errors.js'
export type { LimitOptions } from './limits.js'
export { failureLimit, rateLimit } from './limits.js'
export type { FetchRangesOptions, SenderRanges } from './ranges.js'
export { fetchRanges, senderRanges } from './ranges.js'
