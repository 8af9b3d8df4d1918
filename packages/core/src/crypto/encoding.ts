/**
 * Portable text encodings of bytes, for runtimes without `Buffer` (the Web Crypto backend). The Node
 * backend uses `Buffer` for the same job; both follow the same rule: a signature is accepted only in its
 * canonical text form (lower-case hex, padded base64, unpadded base64url), so no two different strings
 * decode to the same signature.
 */

/** How a signature is written as text. */
export type Encoding = 'hex' | 'base64' | 'base64url'

const base64Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const base64UrlAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const hexDigits = '0123456789abcdef'

/** Character code -> 6-bit value, or -1; one table per alphabet. */
function reverse(alphabet: string): Int8Array {
  const table = new Int8Array(128).fill(-1)
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i
  return table
}
const base64Values = reverse(base64Alphabet)
const base64UrlValues = reverse(base64UrlAlphabet)
const hexValues = reverse(hexDigits)

export function encodePortable(bytes: Uint8Array, encoding: Encoding): string {
  if (encoding === 'hex') {
    let out = ''
    for (const byte of bytes) out += hexDigits[byte >> 4]! + hexDigits[byte & 15]!
    return out
  }
  const alphabet = encoding === 'base64' ? base64Alphabet : base64UrlAlphabet
  let out = ''
  let i = 0
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + alphabet[(n >> 6) & 63]! + alphabet[n & 63]!
  }
  const rest = bytes.length - i
  if (rest > 0) {
    const n = (bytes[i]! << 16) | (rest === 2 ? bytes[i + 1]! << 8 : 0)
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]!
    out += rest === 2 ? alphabet[(n >> 6) & 63]! : ''
    if (encoding === 'base64') out += rest === 2 ? '=' : '=='
  }
  return out
}

/** Decodes `text`, or returns `undefined` when it is not the canonical encoding of some bytes. */
export function decodePortable(text: string, encoding: Encoding): Uint8Array | undefined {
  const bytes = encoding === 'hex' ? decodeHex(text) : decodeBase64(text, encoding)
  // Rejects what the loops accept but is not canonical: non-zero trailing bits, missing padding.
  return bytes && encodePortable(bytes, encoding) === text ? bytes : undefined
}

function decodeHex(text: string): Uint8Array | undefined {
  if (text.length % 2 !== 0) return undefined
  const out = new Uint8Array(text.length / 2)
  for (let i = 0; i < out.length; i++) {
    const high = hexValues[text.charCodeAt(2 * i)] ?? -1
    const low = hexValues[text.charCodeAt(2 * i + 1)] ?? -1
    if (high < 0 || low < 0) return undefined
    out[i] = (high << 4) | low
  }
  return out
}

function decodeBase64(text: string, encoding: 'base64' | 'base64url'): Uint8Array | undefined {
  const values = encoding === 'base64' ? base64Values : base64UrlValues
  let end = text.length
  if (encoding === 'base64') while (end > 0 && text.charCodeAt(end - 1) === 61 /* = */) end--
  const out = new Uint8Array(Math.floor((end * 3) / 4))
  let bits = 0
  let buffered = 0
  let o = 0
  for (let i = 0; i < end; i++) {
    const value = values[text.charCodeAt(i)] ?? -1
    if (value < 0) return undefined
    buffered = ((buffered << 6) | value) & 0xffffff
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[o++] = (buffered >> bits) & 255
    }
  }
  return out
}
