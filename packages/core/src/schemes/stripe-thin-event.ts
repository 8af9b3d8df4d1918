/**
 * A Stripe v2 "thin" event (an event notification, `object: 'v2.core.event'`), as event destinations send
 * them: signed like every Stripe event, and carrying only the event's id, type and the object it is about.
 * The handler fetches what it needs (`stripe.v2.core.events.retrieve(id)`, or the related object by its
 * `url`), so the data is current however late or out of order the event arrives.
 */
export interface StripeThinEvent {
  id: string
  object: 'v2.core.event'
  /** `v1.billing.meter.error_report_triggered`, `v2.core.account.updated`, ... */
  type: string
  /** RFC 3339, unlike a v1 event's Unix seconds. */
  created: string
  livemode: boolean
  /** The object the event is about, where there is one: fetch it by `url` for its current state. */
  related_object?: { id: string; type: string; url: string }
  /** The Connect account or context the event happened in. */
  context?: string
  reason?: unknown
}

/** Whether a Stripe payload is a thin event (and not a v1 snapshot event, `object: 'event'`). */
export function isStripeThinEvent(payload: unknown): payload is StripeThinEvent {
  return (payload as { object?: unknown } | null)?.object === 'v2.core.event'
}
