import { bytesOf, ed25519Pkcs8, joinParts } from './bytes.js'
import { derToRaw, rawToDer } from './ecdsa-der.js'
import { decodePortable, encodePortable } from './encoding.js'
import type { CryptoBackend, Ed25519PublicKey, HashAlgorithm } from './types.js'

const webName: Record<HashAlgorithm, string> = { sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' }
const ed25519 = { name: 'Ed25519' }
const p256 = { name: 'ECDSA', namedCurve: 'P-256' }
const ecdsaSha256 = { name: 'ECDSA', hash: 'SHA-256' }
// ignoreBOM keeps a leading byte order mark, as Buffer#toString does: a body decodes the same on every runtime.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true })

/**
 * Key imports start at factory time; a failure must surface where the key is used, not as an unhandled
 * rejection that kills the process before any request arrives.
 */
function imported(key: Promise<CryptoKey>): Promise<CryptoKey> {
  key.catch(() => {})
  return key
}

function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!
  return diff === 0
}

/**
 * Web Crypto and portable codecs: for runtimes without node:crypto. Keys are imported once (the import is
 * a promise, awaited on first use); every operation is async and one-shot, so parts are joined first.
 */
export function createWebBackend(): CryptoBackend {
  const { subtle } = globalThis.crypto
  const publicKey = (key: Promise<CryptoKey>): Ed25519PublicKey => ({
    async verify(parts, signature) {
      return subtle.verify(ed25519, await key, bytesOf(signature), joinParts(parts))
    },
  })
  return {
    runtime: 'web',
    createHmacKey(algorithm, secret) {
      const key = imported(
        subtle.importKey('raw', bytesOf(secret), { name: 'HMAC', hash: webName[algorithm] }, false, ['sign']),
      )
      return {
        async sign(parts, encoding) {
          return encodePortable(
            new Uint8Array(await subtle.sign('HMAC', await key, joinParts(parts))),
            encoding,
          )
        },
      }
    },
    async digest(algorithm, data, encoding) {
      return encodePortable(new Uint8Array(await subtle.digest(webName[algorithm], bytesOf(data))), encoding)
    },
    timingSafeEqual,
    timingSafeEqualText: (a, b) => timingSafeEqual(bytesOf(a), bytesOf(b)),
    importEd25519PublicKey: (raw) =>
      publicKey(imported(subtle.importKey('raw', bytesOf(raw), ed25519, false, ['verify']))),
    importEd25519PrivateKey(seed) {
      // Extractable only so the public half can be read back (as JWK, whose `x` is the public key).
      const key = imported(subtle.importKey('pkcs8', ed25519Pkcs8(seed), ed25519, true, ['sign']))
      return {
        async sign(parts) {
          return new Uint8Array(await subtle.sign(ed25519, await key, joinParts(parts)))
        },
        async publicKey() {
          const { kty, crv, x } = await subtle.exportKey('jwk', await key)
          return publicKey(subtle.importKey('jwk', { kty, crv, x }, ed25519, false, ['verify']))
        },
      }
    },
    importEcdsaPublicKey(data) {
      const key = imported(
        'spki' in data
          ? subtle.importKey('spki', bytesOf(data.spki), p256, false, ['verify'])
          : subtle.importKey('jwk', publicJwk(data.jwk), p256, false, ['verify']),
      )
      return {
        async verify(parts, signature, format) {
          const raw = format === 'der' ? derToRaw(signature, 32) : signature
          if (raw?.length !== 64) return false
          try {
            return await subtle.verify(ecdsaSha256, await key, bytesOf(raw), joinParts(parts))
          } catch {
            return false
          }
        },
      }
    },
    importEcdsaPrivateKey(jwk) {
      const key = imported(subtle.importKey('jwk', jwk, p256, false, ['sign']))
      return {
        async sign(parts, format) {
          const raw = new Uint8Array(await subtle.sign(ecdsaSha256, await key, joinParts(parts)))
          return format === 'der' ? rawToDer(raw) : raw
        },
      }
    },
    encode: encodePortable,
    decode: decodePortable,
    utf8: (bytes) => decoder.decode(bytes),
  }
}

/** Only the public members: Web Crypto refuses to import a JWK that holds `d` for verifying. */
function publicJwk({ kty, crv, x, y }: JsonWebKey): JsonWebKey {
  return { kty, crv, x, y }
}
