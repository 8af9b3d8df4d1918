import { randomUUID } from 'node:crypto'
import type { ClaimOptions, ClaimResult, IdempotencyStore } from '@hookgate/core'
import { connect, type RedisConnectionOptions } from './options.js'

export type RedisStoreOptions = RedisConnectionOptions

/** The claim statuses a script returns, checked so a script bug never passes as a decision. */
export function toClaimResult(status: unknown, token: string): ClaimResult {
  switch (status) {
    case 'claimed':
      return { status, token }
    case 'in_progress':
    case 'done':
    case 'conflict':
      return { status }
    default:
      throw new Error(`unexpected claim status from redis: ${String(status)}`)
  }
}

/**
 * The production idempotency store: each decision is one Lua script (one round trip) on Redis's clock.
 * Failures and slow replies surface as `StoreUnavailableError` within `timeout`, so the receiver answers
 * 503 and the sender retries.
 */
export function redisStore(options: RedisStoreOptions): IdempotencyStore {
  const { scripts, keys, call } = connect(options)
  return {
    async claim(key: string, { payloadHash, lease, ttl }: ClaimOptions): Promise<ClaimResult> {
      const token = randomUUID()
      const status = await call('claim', () =>
        scripts.hookgateClaim(keys.claim(key), payloadHash, token, Math.ceil(lease), Math.ceil(ttl)),
      )
      return toClaimResult(status, token)
    },
    async complete(key: string, token: string, { ttl }: { ttl: number }): Promise<boolean> {
      return (
        (await call('complete', () => scripts.hookgateComplete(keys.claim(key), token, Math.ceil(ttl)))) === 1
      )
    },
    async release(key: string, token: string): Promise<boolean> {
      return (await call('release', () => scripts.hookgateRelease(keys.claim(key), token))) === 1
    },
    async extend(key: string, token: string, { lease }: { lease: number }): Promise<boolean> {
      return (
        (await call('extend', () => scripts.hookgateExtend(keys.claim(key), token, Math.ceil(lease)))) === 1
      )
    },
  }
}
