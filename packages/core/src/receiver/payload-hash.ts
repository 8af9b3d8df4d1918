import { digest, encode } from '../crypto/backend.js'

/**
 * The fingerprint of a body, to tell a true duplicate from an id reused with another payload: the first
 * 16 bytes of its SHA-1, base64url (22 characters). It runs only after the body was authenticated by its
 * signature, so nobody can choose a colliding payload; it only compares two signed bodies, and 128 bits
 * make an accidental collision impossible in practice. SHA-1 is the cheapest native hash (as fast as SHA-256
 * where the CPU has SHA instructions, faster elsewhere). The text is short and flat (one native encode,
 * not a string built piece by piece) because the memory store keeps it for every remembered id.
 */
export async function payloadHash(raw: Uint8Array): Promise<string> {
  const bytes = await digest('sha1', raw)
  return encode(bytes.subarray(0, 16), 'base64url')
}
