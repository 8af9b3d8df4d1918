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
  /**
   * The client's IP address as the adapter resolved it, honouring the framework's trust-proxy setting
   * (Express `req.ip`, Fastify `request.ip`, the socket's peer elsewhere): what guards key on.
   */
  clientAddress?: string | undefined
}

/** Header names lower-cased; repeated headers joined with ", " as HTTP prescribes. */
export type HeaderMap = Readonly<Record<string, string>>

/**
 * The prototype of every `HeaderMap`: empty and without a prototype itself, so a map inherits nothing (a
 * header named `constructor` or `__proto__` is just a header). Unlike `Object.create(null)`, which V8 keeps
 * as a hash table, an object made from it starts with fast properties: half the cost per request.
 */
const inheritsNothing: object = Object.freeze(Object.create(null))

/** Normalizes any accepted header shape into a lower-cased plain object, once per request. */
export function readHeaders(headers: HeadersLike): HeaderMap {
  const out: Record<string, string> = Object.create(inheritsNothing)
  // Web `Headers` is iterable as [name, value] pairs too.
  if (Symbol.iterator in headers) {
    for (const [name, value] of headers as Iterable<readonly [string, string]>) add(out, name, String(value))
  } else {
    // Not Object.entries: no [name, value] array per header.
    for (const name of Object.keys(headers)) {
      const value = headers[name]
      if (typeof value === 'string') add(out, name, value)
      else if (Array.isArray(value)) for (const v of value) add(out, name, String(v))
      else if (value !== undefined) add(out, name, String(value))
    }
  }
  return out
}

/** Adds one header under its lower-cased name; a repeated one is joined with ", " as HTTP prescribes. */
function add(out: Record<string, string>, name: string, value: string): void {
  const key = name.toLowerCase()
  const prior = out[key]
  out[key] = prior === undefined ? value : `${prior}, ${value}`
}

const encoder = new TextEncoder()

/** The body as bytes without copying when it already is bytes. */
export function toBytes(body: RawBody): Uint8Array {
  if (typeof body === 'string') return encoder.encode(body)
  if (body instanceof Uint8Array) return body
  return new Uint8Array(body)
}
