import { createHmac } from 'node:crypto'
import { secrets } from '../secrets.js'

let counter = 0

/**
 * Standard Webhooks headers for a new delivery: a unique `webhook-id`, the current time, and the `v1`
 * signature over `{id}.{timestamp}.{body}`. Synchronous, because autocannon's `setupRequest` is; every
 * route, bare or not, gets the same headers so the load generator's cost is equal across rows.
 */
export function standardWebhooksHeaders(body: string): Record<string, string> {
  const id = `msg_${process.pid.toString(36)}_${(counter++).toString(36)}`
  const timestamp = String(Math.floor(Date.now() / 1000))
  const signature = createHmac('sha256', secrets.key)
    .update(`${id}.${timestamp}.`)
    .update(body)
    .digest('base64')
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': timestamp,
    'webhook-signature': `v1,${signature}`,
  }
}
