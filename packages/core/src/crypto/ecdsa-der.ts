/**
 * ECDSA signatures between their two encodings: DER (`SEQUENCE { INTEGER r, INTEGER s }`, what SendGrid
 * sends and node:crypto reads) and raw `r || s` (what Web Crypto reads and JWS uses). Web Crypto has no
 * DER mode, so its backend converts; node:crypto reads both natively.
 */

/** `r || s`, each left-padded to `size` bytes; `undefined` unless `der` is one well-formed DER signature. */
export function derToRaw(der: Uint8Array, size: number): Uint8Array | undefined {
  // A P-256 signature is at most 72 bytes, so every length fits in one byte (no long-form lengths).
  if (der.length < 8 || der[0] !== 0x30 || der[1] !== der.length - 2) return undefined
  const raw = new Uint8Array(size * 2)
  let at = 2
  for (const half of [0, 1]) {
    if (der[at] !== 0x02) return undefined
    const length = der[at + 1]!
    const start = at + 2
    at = start + length
    if (length === 0 || at > der.length) return undefined
    let integer = der.subarray(start, at)
    // DER integers are signed: a leading 0x00 only keeps a high bit from reading as negative.
    if (integer[0]! >= 0x80) return undefined
    while (integer.length > 1 && integer[0] === 0) integer = integer.subarray(1)
    if (integer.length > size) return undefined
    raw.set(integer, half * size + size - integer.length)
  }
  return at === der.length ? raw : undefined
}

/** The DER of a raw `r || s` signature. */
export function rawToDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2
  const integers = [raw.subarray(0, half), raw.subarray(half)].map((value) => {
    let start = 0
    while (start < value.length - 1 && value[start] === 0) start++
    const trimmed = value.subarray(start)
    return trimmed[0]! >= 0x80
      ? [0x02, trimmed.length + 1, 0x00, ...trimmed]
      : [0x02, trimmed.length, ...trimmed]
  })
  const body = [...integers[0]!, ...integers[1]!]
  return new Uint8Array([0x30, body.length, ...body])
}
