import { digest } from '../crypto/backend.js'
import type { MaybePromise } from '../maybe-promise.js'

/**
 * The fingerprint of a body, to tell a true duplicate from an id reused with another payload: its SHA-1 as
 * base64url (27 characters). It runs only after the body was authenticated by its signature, so nobody can
 * choose a colliding payload; it only compares two signed bodies, and accidental collisions are out of
 * reach. SHA-1 is the cheapest native hash (as fast as SHA-256 where the CPU has SHA instructions, faster
 * elsewhere), and on node:crypto it is encoded natively, with no buffer in between. The text is short and
 * flat (never built piece by piece) because the memory store keeps it for every remembered id.
 */
export function payloadHash(raw: Uint8Array): MaybePromise<string> {
  return digest('sha1', raw, 'base64url')
}
