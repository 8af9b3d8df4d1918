import type { RawRequest, SignedRequest, WebhookVerificationError } from '@hookgate/core'
import { vi } from 'vitest'

/**
 * For provider tests and anyone else's: a provider's own `sign()` makes valid requests, these helpers only
 * fix the clock and reshape what `sign()` returns.
 */

/** A clock stopped at `seconds` (unix), for `now`. */
export const clockAt = (seconds: number) => () => seconds * 1000

/** What `sign()` returned, as the request a receiver gets. */
export const received = (signed: SignedRequest, change: Partial<RawRequest> = {}): RawRequest => ({
  url: signed.url,
  headers: signed.headers,
  body: signed.body,
  ...change,
})

/** The `WebhookVerificationError` a promise rejects with; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<WebhookVerificationError> {
  try {
    await promise
  } catch (error) {
    return error as WebhookVerificationError
  }
  throw new Error('expected a rejection, but it resolved')
}

/**
 * A fresh copy of @hookgate/core that chose Web Crypto: `process.getBuiltinModule` is hidden while the
 * package loads, exactly as on a runtime without node:crypto. `runtime` is what that copy's backend chose.
 */
export async function loadCoreOnWebCrypto() {
  const original = process.getBuiltinModule
  try {
    ;(process as { getBuiltinModule?: unknown }).getBuiltinModule = undefined
    vi.resetModules()
    const core = await import('@hookgate/core')
    // The same module instance the fresh core imported.
    const { backend } = await import('../../src/crypto/backend.js')
    return { core, runtime: backend.runtime }
  } finally {
    process.getBuiltinModule = original
  }
}
