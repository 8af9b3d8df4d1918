const encoder = new TextEncoder()

// Web Crypto's types want ArrayBuffer-backed views; ours may be views of a SharedArrayBuffer in theory only.
export const bytesOf = (part: Uint8Array | string) =>
  (typeof part === 'string' ? encoder.encode(part) : part) as Uint8Array<ArrayBuffer>

/** One buffer of all parts; a single part is returned as it is, without a copy. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!
  let length = 0
  for (const part of parts) length += part.length
  const out = new Uint8Array(length)
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

/** One buffer of all parts, for the one-shot APIs (Web Crypto, ed25519) that cannot stream. */
export const joinParts = (parts: readonly (Uint8Array | string)[]): Uint8Array<ArrayBuffer> =>
  parts.length === 1 ? bytesOf(parts[0]!) : (concat(parts.map(bytesOf)) as Uint8Array<ArrayBuffer>)

/**
 * ed25519 keys in the DER envelopes both node:crypto and Web Crypto import: a fixed prefix before the raw
 * 32 bytes (RFC 8410).
 */
const pkcs8Prefix = new Uint8Array([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
])
const spkiPrefix = new Uint8Array([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00])
export const ed25519Pkcs8 = (seed: Uint8Array) => concat([pkcs8Prefix, seed]) as Uint8Array<ArrayBuffer>
export const ed25519Spki = (raw: Uint8Array) => concat([spkiPrefix, raw]) as Uint8Array<ArrayBuffer>
