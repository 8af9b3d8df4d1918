import { WebhookVerificationError } from '../errors.js'
import { malformedHeader } from './failures.js'

/**
 * Unix seconds as providers write them: digits only. Signs, fractions, exponents and spaces are refused,
 * so one timestamp has one spelling (the signed text is what gets hashed).
 */
export function readUnixSeconds(text: string, header: string): number {
  if (!/^\d{1,12}$/.test(text)) throw malformedHeader(header, 'must be a whole number of unix seconds')
  return Number(text)
}

/**
 * The one freshness check: a signed timestamp may be at most `toleranceMs` away from `nowMs`, in either
 * direction. Stripe's own library checks only the past, which lets a timestamp from the future (a clock
 * far ahead, or a signature made to be replayed later) pass.
 */
export function checkFreshness(seconds: number, nowMs: number, toleranceMs: number): void {
  const ageMs = nowMs - seconds * 1000
  if (ageMs > toleranceMs)
    throw new WebhookVerificationError(
      'timestamp_too_old',
      `The signed timestamp is ${describe(ageMs)} old, beyond the tolerance of ${describe(toleranceMs)}: a replayed or long-delayed delivery. If it was sent just now, this server's clock is ahead of the sender's: fix the time sync of whichever is wrong; to accept older deliveries raise \`tolerance\`.`,
    )
  if (-ageMs > toleranceMs)
    throw new WebhookVerificationError(
      'timestamp_in_future',
      `The signed timestamp is ${describe(-ageMs)} in the future, beyond the tolerance of ${describe(toleranceMs)}: this server's clock is behind the sender's. Fix the time sync of whichever is wrong; to accept more skew raise \`tolerance\`.`,
    )
}

function describe(ms: number): string {
  const seconds = Math.round(ms / 1000)
  if (seconds < 120) return `${seconds} s`
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`
  return `${Math.round(seconds / 86_400)} days`
}
