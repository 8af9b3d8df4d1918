import type * as Core from '@hookgate/core'

// What every known-answer vector is made of (vectors.ts lists them). Only types are imported, so
// test/runtimes can bundle the vectors for any runtime.

export type CoreModule = typeof Core

export interface Vector {
  name: string
  /** Throws (a `VectorMismatch` or the provider's rejection) when `core` does not give the known answer. */
  run(core: CoreModule): Promise<void>
}

export class VectorMismatch extends Error {
  override readonly name = 'VectorMismatch'
}

/** Fails unless `actual` holds every field of `expected` (recursively; dates by their time). */
export function check(what: string, actual: unknown, expected: unknown): void {
  const mismatch = firstMismatch(actual, expected, what)
  if (mismatch !== undefined) throw new VectorMismatch(mismatch)
}

function firstMismatch(actual: unknown, expected: unknown, path: string): string | undefined {
  if (expected instanceof Date) {
    return actual instanceof Date && actual.getTime() === expected.getTime()
      ? undefined
      : `${path}: expected ${expected.toISOString()}, got ${String(actual)}`
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null)
      return `${path}: expected an object, got ${String(actual)}`
    for (const [key, value] of Object.entries(expected)) {
      const mismatch = firstMismatch((actual as Record<string, unknown>)[key], value, `${path}.${key}`)
      if (mismatch !== undefined) return mismatch
    }
    return undefined
  }
  return Object.is(actual, expected)
    ? undefined
    : `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`
}

/** A clock stopped at `seconds` (unix), for `now`. */
export const clockAt = (seconds: number) => () => seconds * 1000

/** What `sign()` returned, as the request a receiver gets. */
export const received = (signed: Core.SignedRequest): Core.RawRequest => ({
  url: signed.url,
  headers: signed.headers,
  body: signed.body,
})
