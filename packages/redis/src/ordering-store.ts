import { randomUUID } from 'node:crypto'
import type { IdempotencyStore, OrderHold } from '@hookgate/core'
import type { Connection } from './settings.js'

type OrderMethods = Required<Pick<IdempotencyStore, 'holdOrder' | 'extendOrder' | 'releaseOrder'>>

/** What `holdOrder` answered: `busy`, or the fence and the recorded version; checked like claim replies. */
function toOrderHold(reply: unknown, token: string): OrderHold {
  if (reply === 'busy') return { status: 'busy' }
  if (Array.isArray(reply) && typeof reply[0] === 'number') {
    const version = reply[1] === null || reply[1] === undefined ? undefined : Number(String(reply[1]))
    return { status: 'held', token, fence: reply[0], version }
  }
  throw new Error(`unexpected order key reply from redis: ${JSON.stringify(reply)}`)
}

/**
 * The Redis store's order keys: one Lua script per step (ordering-scripts.ts), on Redis's clock, under the
 * namespace's hash tag beside the claims, bounded by `timeout` like every call.
 */
export function orderMethods({
  scripts,
  keys,
  call,
}: Pick<Connection, 'scripts' | 'keys' | 'call'>): OrderMethods {
  const order = (key: string) => `${keys.tag}:order:${key}`
  return {
    async holdOrder(key, { lease, retain }) {
      const token = randomUUID()
      const reply = await call('holdOrder', () =>
        scripts.hookgateHoldOrder(order(key), keys.fence, token, Math.ceil(lease), Math.ceil(retain)),
      )
      return toOrderHold(reply, token)
    },
    async extendOrder(key, token, { lease }) {
      const reply = await call('extendOrder', () =>
        scripts.hookgateExtendOrder(order(key), token, Math.ceil(lease)),
      )
      return reply === 1
    },
    async releaseOrder(key, token, { version, retain }) {
      const recorded = version === undefined ? '' : String(version)
      const reply = await call('releaseOrder', () =>
        scripts.hookgateReleaseOrder(order(key), token, recorded, Math.ceil(retain)),
      )
      return reply === 1
    },
  }
}
