import { digest } from '../crypto/backend.js'

const hex = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'))

/**
 * The fingerprint of a body, to tell a true duplicate from an id reused with another payload. SHA-1 is
 * enough and the fastest on hand: the body was authenticated by its signature before this runs, so nobody
 * can choose a colliding payload; this only compares two signed bodies.
 */
export async function payloadHash(raw: Uint8Array): Promise<string> {
  const bytes = await digest('sha1', raw)
  let out = ''
  for (const byte of bytes) out += hex[byte]
  return out
}
