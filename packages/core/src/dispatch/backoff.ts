import { type Duration, toMs } from '../duration.js'

/** How failed attempts are retried in the background (ack: 'queued'). */
export interface RetryOptions {
  /**
   * Attempts in all, the first included; after the last one the event is dead-lettered.
   * @default 8
   */
  attempts?: number
  /**
   * `'exponential'` doubles the delay after each failure; `'fixed'` keeps `baseDelay`.
   * @default 'exponential'
   */
  backoff?: 'exponential' | 'fixed'
  /**
   * The delay before the second attempt.
   * @default '1s'
   */
  baseDelay?: Duration
  /**
   * No delay grows past this.
   * @default '1h'
   */
  maxDelay?: Duration
}

/** The defaults of `RetryOptions`; the receiver's defaults (`receiverDefaults.retry`) are these. */
export const retryDefaults = {
  attempts: 8,
  backoff: 'exponential',
  baseDelay: '1s',
  maxDelay: '1h',
} as const satisfies Required<RetryOptions>

export interface RetryPolicy {
  attempts: number
  /** The delay (ms) after failed attempt `attempt` (from 1), jittered. */
  delayAfter(attempt: number): number
}

/**
 * Checks the options once. Delays carry "equal jitter" (between half and all of the nominal delay): jobs
 * that failed together (a downstream outage) spread out instead of retrying in lockstep, and no delay
 * collapses to zero the way full jitter allows.
 */
export function retryPolicy(options: RetryOptions = {}, random: () => number = Math.random): RetryPolicy {
  const attempts = options.attempts ?? retryDefaults.attempts
  if (!Number.isInteger(attempts) || attempts < 1) {
    throw new TypeError(`retry.attempts must be a whole number >= 1, got ${String(attempts)}`)
  }
  const baseDelay = toMs(options.baseDelay ?? retryDefaults.baseDelay, 'retry.baseDelay')
  const maxDelay = toMs(options.maxDelay ?? retryDefaults.maxDelay, 'retry.maxDelay')
  const exponential = (options.backoff ?? retryDefaults.backoff) === 'exponential'
  return {
    attempts,
    delayAfter(attempt) {
      const nominal = Math.min(maxDelay, exponential ? baseDelay * 2 ** (attempt - 1) : baseDelay)
      return Math.round(nominal * (0.5 + random() * 0.5))
    },
  }
}
