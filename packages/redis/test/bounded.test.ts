import { StoreUnavailableError } from '@hookgate/core'
import { describe, expect, it } from 'vitest'
import { bounded } from '../src/bounded.js'

/** What `bounded` rejected with, which must be a StoreUnavailableError. */
async function failureOf(call: () => Promise<unknown>, timeout = 1_000): Promise<StoreUnavailableError> {
  const failure = await bounded('get', timeout, call).then(
    () => undefined,
    (error: unknown) => error,
  )
  expect(failure).toBeInstanceOf(StoreUnavailableError)
  return failure as StoreUnavailableError
}

describe('bounded', () => {
  it('passes the reply through', async () => {
    expect(await bounded('get', 1_000, async () => 42)).toBe(42)
  })

  it('turns a failed call into StoreUnavailableError, keeping the cause', async () => {
    const cause = new Error('connection refused')
    const failure = await failureOf(() => Promise.reject(cause))
    expect(failure.message).toBe('redis failed get: connection refused')
    expect(failure.cause).toBe(cause)
  })

  it('turns a call that throws before returning a promise into StoreUnavailableError', async () => {
    const failure = await failureOf(() => {
      throw new Error('bad argument')
    })
    expect(failure.message).toBe('redis failed get: bad argument')
  })

  it('gives up on a call slower than the timeout', async () => {
    const started = Date.now()
    const failure = await failureOf(() => new Promise(() => {}), 50)
    expect(failure.message).toBe('redis did not answer get within 50 ms')
    expect(Date.now() - started).toBeLessThan(1_000)
  })
})
