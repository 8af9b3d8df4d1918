import { utf8 } from '../crypto/backend.js'
import type { HeaderMap } from '../request.js'
import { malformedPayload } from './failures.js'

/** The type of a delivery whose sender names none. */
export const untypedEventType = 'webhook'

/** A form body (`application/x-www-form-urlencoded`): repeated names become arrays, as body parsers do. */
export type FormPayload = Record<string, string | string[]>

/** Plain `JSON.parse` of the UTF-8 body: the fastest parser there is, and what every provider's SDK uses. */
export function parseJson(raw: Uint8Array, provider: string): unknown {
  try {
    return JSON.parse(utf8(raw))
  } catch (error) {
    throw malformedPayload(provider, 'is not JSON', error)
  }
}

export function parseForm(raw: Uint8Array): FormPayload {
  const form = new Map<string, string | string[]>()
  for (const [name, value] of new URLSearchParams(utf8(raw))) {
    const prior = form.get(name)
    form.set(name, prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value])
  }
  // fromEntries defines own properties, so a field named __proto__ stays a field.
  return Object.fromEntries(form)
}

/** JSON when the first byte that is not white space opens an object or an array. */
export function looksLikeJson(body: Uint8Array): boolean {
  for (const byte of body) {
    if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) continue
    return byte === 0x7b || byte === 0x5b
  }
  return false
}

/** A form as the Content-Type says; without one, whatever does not look like JSON. */
export function isForm(raw: Uint8Array, headers: HeaderMap): boolean {
  const contentType = headers['content-type']
  if (contentType === undefined) return !looksLikeJson(raw)
  return contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')
}

/**
 * JSON, or a form when the Content-Type says so. Senders that wrap JSON in a form field (GitHub's form
 * content type, Slack's interactivity) name that field: its JSON is the payload.
 */
export function parseJsonOrForm(
  raw: Uint8Array,
  headers: HeaderMap,
  provider: string,
  jsonField?: string,
): unknown {
  if (!isForm(raw, headers)) return parseJson(raw, provider)
  // Form encoding escapes `{` and `[`, so a form body opening with one is JSON under the wrong label; read
  // as a form it would be one field named after the whole body, and fail every schema for the wrong reason.
  if (looksLikeJson(raw))
    throw malformedPayload(
      provider,
      'is JSON sent as application/x-www-form-urlencoded (send it as application/json)',
    )
  const form = parseForm(raw)
  const json = jsonField === undefined ? undefined : form[jsonField]
  if (typeof json !== 'string') return form
  try {
    return JSON.parse(json)
  } catch (error) {
    throw malformedPayload(provider, `form field "${jsonField}" is not JSON`, error)
  }
}

/** A string field of an object payload, or `undefined` for anything else. */
export function stringField(payload: unknown, name: string): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined
  const value = (payload as Record<string, unknown>)[name]
  return typeof value === 'string' ? value : undefined
}
