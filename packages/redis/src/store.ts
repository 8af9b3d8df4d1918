import { randomUUID } from 'node:crypto'
import type { ClaimOptions, ClaimResult, IdempotencyStore } from '@hookgate/core'
import { orderMethods } from './ordering-store.js'
import type { Connection } from './settings.js'

/**
 * What a claiming script answered (the new fence when `token` now holds the claim, else the status),
 * checked so a script bug never passes as a decision.
 */
export function toClaimResult(reply: unknown, token: string): ClaimResult {
  if (typeof reply === 'number') return { status: 'claimed', token, fence: reply }
  switch (reply) {
    case 'in_progress':
    case 'done':
    case 'conflict':
      return { status: reply }
    default:
      throw new Error(`unexpected claim status from redis: ${String(reply)}`)
  }
}

/**
 * The production idempotency store: each decision is one Lua script (one round trip) on Redis's clock.
 * Failures and slow replies surface as `StoreUnavailableError` within `timeout`, which it declares, so the
 * receiver answers 503 (the sender retries) and sets no timer of its own.
 */
export function createStore({ client, scripts, keys, call, timeout }: Connection): IdempotencyStore {
  // Beside the claims, under the same hash tag: one plain key per watched sender.
  const seen = (key: string) => `${keys.tag}:seen:${key}`
  return {
    timeout,
    ...orderMethods({ scripts, keys, call }),
    async markSeen(key: string, at: number): Promise<void> {
      await call('markSeen', () => client.set(seen(key), String(at)))
    },
    async lastSeen(key: string): Promise<number | undefined> {
      const at = await call('lastSeen', () => client.get(seen(key)))
      return at === null ? undefined : Number(at)
    },
    async claim(key: string, { payloadHash, lease, dedupWindow }: ClaimOptions): Promise<ClaimResult> {
      const token = randomUUID()
      const reply = await call('claim', () =>
        scripts.hookgateClaim(
          keys.claim(key),
          keys.fence,
          payloadHash,
          token,
          Math.ceil(lease),
          Math.ceil(dedupWindow),
        ),
      )
      return toClaimResult(reply, token)
    },
    async acquire(
      key: string,
      claim: string,
      { payloadHash, lease, dedupWindow }: ClaimOptions,
    ): Promise<ClaimResult> {
      const token = randomUUID()
      const reply = await call('acquire', () =>
        scripts.hookgateAcquire(
          keys.claim(key),
          keys.fence,
          claim,
          token,
          payloadHash,
          Math.ceil(lease),
          Math.ceil(dedupWindow),
        ),
      )
      return toClaimResult(reply, token)
    },
    async complete(key: string, token: string, { dedupWindow }: { dedupWindow: number }): Promise<boolean> {
      return (
        (await call('complete', () =>
          scripts.hookgateComplete(keys.claim(key), token, Math.ceil(dedupWindow)),
        )) === 1
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
