import { digest, encode } from '../crypto/backend.js'
import { andThen, type MaybePromise } from '../maybe-promise.js'

/**
 * The fingerprint of a body, to tell a true duplicate from an id reused with another payload: the first
 * 16 bytes of its SHA-1, base64url (22 characters). It runs only after the body was authenticated by its
 * signature, so nobody can choose a colliding payload; it only compares two signed bodies, and 128 bits
 * make an accidental collision impossible in practice. SHA-1 is the cheapest native hash (as fast as SHA-256
 * where the CPU has SHA instructions, faster elsewhere). The text is short and flat (one native encode,
 * not a string built piece by piece) because the memory store keeps it for every remembered id.
 */
export function payloadHash(raw: Uint8Array): MaybePromise<string> {
  return andThen(digest('sha1', raw), (bytes) => encode(bytes.subarray(0, 16), 'base64url'))
}
