/**
 * What an adapter hands to the core: the request exactly as it came off the wire.
 * Adapters only build this; every decision is made in the core.
 */

/** Web `Headers`, Node's `IncomingHttpHeaders`, a plain object, or `[name, value]` pairs. */
export type HeadersLike =
  | Headers
  | Record<string, string | readonly string[] | number | undefined>
  | Iterable<readonly [string, string]>

/** The raw body: bytes as received (preferred) or the exact received text. */
export type RawBody = Uint8Array | ArrayBuffer | string

export interface RawRequest {
  /** HTTP method; anything but POST is refused by the receiver. Omitted means POST. */
  method?: string
  /** The full URL as the sender saw it (Twilio signs it). A path alone is fine for every other provider. */
  url?: string
  headers: HeadersLike
  body: RawBody
}

/** Header names lower-cased; repeated headers joined with ", " as HTTP prescribes. */
export type HeaderMap = Readonly<Record<string, string>>

/** Normalizes any accepted header shape into a lower-cased plain object, once per request. */
export function readHeaders(headers: HeadersLike): HeaderMap {
  const out: Record<string, string> = Object.create(null)
  const add = (name: string, value: string) => {
    const key = name.toLowerCase()
    const prior = out[key]
    out[key] = prior === undefined ? value : `${prior}, ${value}`
  }
  // Web `Headers` is iterable as [name, value] pairs too.
  if (Symbol.iterator in headers) {
    for (const [name, value] of headers as Iterable<readonly [string, string]>) add(name, String(value))
  } else {
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined) continue
      if (Array.isArray(value)) for (const v of value) add(name, String(v))
      else add(name, String(value))
    }
  }
  return out
}

const encoder = new TextEncoder()

/** The body as bytes without copying when it already is bytes. */
export function toBytes(body: RawBody): Uint8Array {
  if (typeof body === 'string') return encoder.encode(body)
  if (body instanceof Uint8Array) return body
  return new Uint8Array(body)
}
