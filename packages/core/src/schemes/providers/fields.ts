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

/** A payload path, or a function of the payload for ids and types that combine fields. */
export type FieldSource = string | ((payload: unknown, verified: VerifiedRequest) => string | undefined)

/** Where a sender puts the event id and type, used when the engine read no header for them. */
export interface JsonFields {
  id?: FieldSource
  type?: FieldSource
}

/**
 * The parse of a JSON sender: the id and type headers the engine read (`verified.id`, `verified.type`)
 * win, then the payload's; a delivery without a type is `webhook`.
 */
export function parseJsonFields(name: string, fields: JsonFields) {
  return (verified: VerifiedRequest): ParsedDelivery => {
    const payload = parseJson(verified.raw, name)
    const pick = (source: FieldSource | undefined) =>
      typeof source === 'function' ? source(payload, verified) : source && fieldAt(payload, source)
    return {
      payload,
      id: verified.id ?? pick(fields.id),
      type: verified.type ?? pick(fields.type) ?? untypedEventType,
    }
  }
}

/** Fields joined with `:` into one id, for senders that give none; undefined unless every one is there. */
export const joinedFields =
  (...paths: string[]) =>
  (payload: unknown): string | undefined => {
    const values = paths.map((path) => fieldAt(payload, path))
    return values.every((value) => value !== undefined) ? values.join(':') : undefined
  }
