import type { ParsedDelivery } from '../engine.js'
import { parseJson, untypedEventType } from '../payload.js'
import type { VerifiedRequest } from '../scheme.js'

/**
 * A field of a payload by its dotted path (`event.id`, `meta.event_name`, `0.eventId` in an array): a
 * string, or a number as its text (HubSpot's and Box's numeric ids); `undefined` for anything else.
 */
export function fieldAt(payload: unknown, path: string): string | undefined {
  let value = payload
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined
    value = (value as Record<string, unknown>)[key]
  }
  if (typeof value === 'string') return value
  return typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : undefined
}

/** Where a sender puts the event id and type: payload paths, used when the engine read no header. */
export interface JsonFields {
  id?: string
  type?: string
}

/**
 * The parse of a JSON sender: the id and type headers the engine read (`verified.id`, `verified.type`)
 * win, then the payload paths; a delivery without a type is `webhook`.
 */
export function parseJsonFields(name: string, fields: JsonFields) {
  return (verified: VerifiedRequest): ParsedDelivery => {
    const payload = parseJson(verified.raw, name)
    const pick = (path: string | undefined) => (path === undefined ? undefined : fieldAt(payload, path))
    return {
      payload,
      id: verified.id ?? pick(fields.id),
      type: verified.type ?? pick(fields.type) ?? untypedEventType,
    }
  }
}
