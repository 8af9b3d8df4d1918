import type { WebhookEvent } from '@hookgate/core'
import { deliver, freshId } from '../receiver/helpers.js'

/** A Stripe-like event payload: the object it is about, and when that state was made. */
export interface ObjectEvent {
  data: { object: { id: string } }
  created: number
}

/** The ordering of the docs' example: by the Stripe object, versioned by the event's `created`. */
export const byObject = {
  orderKey: (event: WebhookEvent) => (event.payload as ObjectEvent).data.object.id,
  version: (event: WebhookEvent) => (event.payload as ObjectEvent).created,
}

/** Delivers a Stripe `invoice.updated` for `object` at version `created`; resolves to its id and answer. */
export async function deliverVersion(
  receiver: Parameters<typeof deliver>[0],
  object: string,
  created: number,
  id = freshId(),
) {
  const body = JSON.stringify({ id, type: 'invoice.updated', created, data: { object: { id: object } } })
  const outcome = await deliver(receiver, 'stripe', { id, type: 'invoice.updated', raw: body })
  return { id, outcome }
}

/** Records which handlers of each key run at once: the most that ever overlapped, per key. */
export function overlapMeter() {
  const running = new Map<string, number>()
  const most = new Map<string, number>()
  return {
    most,
    enter(key: string) {
      const now = (running.get(key) ?? 0) + 1
      running.set(key, now)
      most.set(key, Math.max(most.get(key) ?? 0, now))
    },
    leave(key: string) {
      running.set(key, (running.get(key) ?? 1) - 1)
    },
  }
}
