import { describe, expect, it } from 'vitest'
import { retryPolicy } from '../../src/dispatch/backoff.js'

describe('retryPolicy', () => {
  it('doubles from baseDelay, caps at maxDelay, with jitter between half and all of it', () => {
    const lowest = retryPolicy({ baseDelay: '1s', maxDelay: '10s' }, () => 0)
    const highest = retryPolicy({ baseDelay: '1s', maxDelay: '10s' }, () => 1)
    expect([1, 2, 3, 4, 5].map((n) => highest.delayAfter(n))).toEqual([1_000, 2_000, 4_000, 8_000, 10_000])
    expect([1, 2, 3, 4, 5].map((n) => lowest.delayAfter(n))).toEqual([500, 1_000, 2_000, 4_000, 5_000])
  })

  it('keeps baseDelay with fixed backoff', () => {
    const fixed = retryPolicy({ backoff: 'fixed', baseDelay: 100 }, () => 1)
    expect([1, 5, 9].map((n) => fixed.delayAfter(n))).toEqual([100, 100, 100])
  })

  it('defaults to 8 attempts from 1s', () => {
    const policy = retryPolicy({}, () => 1)
    expect(policy.attempts).toBe(8)
    expect(policy.delayAfter(1)).toBe(1_000)
  })

  it('refuses attempts below 1 and bad durations', () => {
    expect(() => retryPolicy({ attempts: 0 })).toThrow(/attempts/)
    expect(() => retryPolicy({ baseDelay: '1 minute' as never })).toThrow(/baseDelay/)
  })
})
