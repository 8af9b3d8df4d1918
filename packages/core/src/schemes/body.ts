import { payloadTooLarge, rawBodyUnavailable } from './failures.js'

const encoder = new TextEncoder()

/**
 * The body as bytes, refused before any hashing when it is larger than `maxBodyBytes`, and refused with
 * `raw_body_unavailable` when a body parser left an object where the raw bytes should be.
 */
export function readRawBody(body: unknown, maxBodyBytes: number): Uint8Array {
  if (typeof body === 'string') {
    // Every UTF-16 code unit is at least one UTF-8 byte: a long string is refused before encoding it.
    if (body.length > maxBodyBytes) throw payloadTooLarge(maxBodyBytes)
    return withinLimit(encoder.encode(body), maxBodyBytes)
  }
  if (body instanceof Uint8Array) return withinLimit(body, maxBodyBytes)
  if (body instanceof ArrayBuffer) return withinLimit(new Uint8Array(body), maxBodyBytes)
  throw rawBodyUnavailable(describe(body))
}

function withinLimit(bytes: Uint8Array, maxBodyBytes: number): Uint8Array {
  if (bytes.length > maxBodyBytes) throw payloadTooLarge(maxBodyBytes)
  return bytes
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value)
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'Object'})`
  return `a ${typeof value}`
}
