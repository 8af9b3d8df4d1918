import type * as NodeBuffer from 'node:buffer'
import type * as NodeCrypto from 'node:crypto'
import { ed25519Pkcs8, ed25519Spki, joinParts } from './bytes.js'
import type { CryptoBackend, EcdsaSignatureFormat, Ed25519PublicKey } from './types.js'

/** The two Node built-ins the fast backend is made of. */
export interface NodeModules {
  crypto: typeof NodeCrypto
  buffer: typeof NodeBuffer
}

/**
 * node:crypto and Buffer: HMAC streams over the parts (no concatenation), hashing is synchronous (no
 * promise to wait for), and hex/base64 are native. Runs on Node, Bun, Deno and Workers with nodejs_compat.
 */
export function createNodeBackend({ crypto, buffer: { Buffer } }: NodeModules): CryptoBackend {
  // Adapters on Node hand us Buffers already; wrap anything else without copying.
  const view = (bytes: Uint8Array) =>
    Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const timingSafeEqual = (a: Uint8Array, b: Uint8Array) =>
    a.length === b.length && crypto.timingSafeEqual(a, b)
  const publicKey = (key: NodeCrypto.KeyObject): Ed25519PublicKey => ({
    async verify(parts, signature) {
      return crypto.verify(null, joinParts(parts), key, signature)
    },
  })
  const dsaEncoding = (format: EcdsaSignatureFormat) => (format === 'der' ? 'der' : 'ieee-p1363')
  return {
    runtime: 'node',
    createHmacKey(algorithm, secret) {
      const key = crypto.createSecretKey(typeof secret === 'string' ? Buffer.from(secret) : secret)
      return {
        sign(parts, encoding) {
          const mac = crypto.createHmac(algorithm, key)
          for (const part of parts) mac.update(part)
          return mac.digest(encoding)
        },
      }
    },
    // crypto.hash (Node >= 20.12) is one call, without a Hash object or a digest buffer.
    digest: crypto.hash
      ? (algorithm, data, encoding) => crypto.hash(algorithm, data, encoding)
      : (algorithm, data, encoding) => crypto.createHash(algorithm).update(data).digest(encoding),
    timingSafeEqual,
    timingSafeEqualText: (a, b) => timingSafeEqual(Buffer.from(a), Buffer.from(b)),
    importEd25519PublicKey: (raw) =>
      publicKey(crypto.createPublicKey({ key: view(ed25519Spki(raw)), format: 'der', type: 'spki' })),
    importEd25519PrivateKey(seed) {
      const key = crypto.createPrivateKey({ key: view(ed25519Pkcs8(seed)), format: 'der', type: 'pkcs8' })
      return {
        async sign(parts) {
          return crypto.sign(null, joinParts(parts), key)
        },
        async publicKey() {
          return publicKey(crypto.createPublicKey(key))
        },
      }
    },
    importEcdsaPublicKey(data) {
      let key: NodeCrypto.KeyObject | undefined
      try {
        key =
          'spki' in data
            ? crypto.createPublicKey({ key: view(data.spki), format: 'der', type: 'spki' })
            : crypto.createPublicKey({ key: { ...data.jwk }, format: 'jwk' })
        if (key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') key = undefined
      } catch {
        key = undefined
      }
      return {
        async verify(parts, signature, format) {
          if (!key) return false
          try {
            return crypto.verify(
              'sha256',
              joinParts(parts),
              { key, dsaEncoding: dsaEncoding(format) },
              signature,
            )
          } catch {
            return false
          }
        },
      }
    },
    importEcdsaPrivateKey(jwk) {
      return {
        async sign(parts, format) {
          const key = crypto.createPrivateKey({ key: { ...jwk }, format: 'jwk' })
          return crypto.sign('sha256', joinParts(parts), { key, dsaEncoding: dsaEncoding(format) })
        },
      }
    },
    encode: (bytes, encoding) => view(bytes).toString(encoding),
    decode(text, encoding) {
      const bytes = Buffer.from(text, encoding)
      // Buffer skips what it cannot read; the round trip rejects anything but the canonical form.
      return bytes.toString(encoding) === text ? bytes : undefined
    },
    utf8: (bytes) => view(bytes).toString('utf8'),
  }
}
