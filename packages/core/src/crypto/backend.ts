/**
 * The one place that decides how to hash: `node:crypto` where the runtime has it (Node, Bun, Deno, Workers
 * with nodejs_compat) because it is several times faster than Web Crypto for small bodies and never goes
 * async; Web Crypto everywhere else. Schemes only see `HmacKey`, `digest` and `timingSafeEqual`.
 *
 * `process.getBuiltinModule` (Node >= 20.16, Bun, Deno) loads `node:crypto` without an import statement,
 * so bundlers for edge runtimes never try to resolve it.
 */
import type * as NodeCrypto from 'node:crypto'

export type HashAlgorithm = 'sha1' | 'sha256' | 'sha512'

type BuiltinLoader = { getBuiltinModule?: (id: string) => unknown }
const nodeCrypto = (globalThis as { process?: BuiltinLoader }).process?.getBuiltinModule?.('node:crypto') as
  | typeof NodeCrypto
  | undefined

/** True when hashing runs on `node:crypto`; false on Web Crypto. */
export const usesNodeCrypto = nodeCrypto !== undefined

const webName: Record<HashAlgorithm, string> = { sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' }
const encoder = new TextEncoder()
// Web Crypto's types want ArrayBuffer-backed views; ours may be views of a SharedArrayBuffer in theory only.
const bytesOf = (part: Uint8Array | string) =>
  (typeof part === 'string' ? encoder.encode(part) : part) as Uint8Array<ArrayBuffer>

/** A secret prepared once, then used for every request: signs the concatenation of `parts`. */
export interface HmacKey {
  sign(parts: readonly (Uint8Array | string)[]): Promise<Uint8Array>
}

export function createHmacKey(algorithm: HashAlgorithm, secret: Uint8Array | string): HmacKey {
  if (nodeCrypto) {
    const key = nodeCrypto.createSecretKey(bytesOf(secret))
    return {
      async sign(parts) {
        const mac = nodeCrypto.createHmac(algorithm, key)
        for (const part of parts) mac.update(part)
        return mac.digest()
      },
    }
  }
  const imported = crypto.subtle.importKey(
    'raw',
    bytesOf(secret),
    { name: 'HMAC', hash: webName[algorithm] },
    false,
    ['sign'],
  )
  return {
    async sign(parts) {
      const data = parts.length === 1 ? bytesOf(parts[0]!) : bytesOf(concat(parts.map(bytesOf)))
      return new Uint8Array(await crypto.subtle.sign('HMAC', await imported, data))
    },
  }
}

/** A one-shot hash of the body (payload hashes for dedup, Twilio's bodySHA256). */
export async function digest(algorithm: HashAlgorithm, data: Uint8Array | string): Promise<Uint8Array> {
  if (nodeCrypto) return nodeCrypto.createHash(algorithm).update(data).digest()
  return new Uint8Array(await crypto.subtle.digest(webName[algorithm], bytesOf(data)))
}

/**
 * Compares two byte strings in time that depends only on their lengths. Lengths are not secret: every
 * scheme's signature length is public.
 */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  if (nodeCrypto) return nodeCrypto.timingSafeEqual(a, b)
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!
  return diff === 0
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
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
