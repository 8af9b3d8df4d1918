import type { MaybePromise } from '../maybe-promise.js'
import type { Encoding } from './encoding.js'

export type HashAlgorithm = 'sha1' | 'sha256' | 'sha512'

/** What gets signed: concatenated in order, so a prefix never forces a copy of the body. */
export type SignedParts = readonly (Uint8Array | string)[]

/**
 * A secret prepared once, then used for every request: signs the concatenation of `parts`, as text in
 * `encoding` (how signatures travel). Synchronous on node:crypto, a promise on Web Crypto. Text, not bytes:
 * node:crypto encodes natively with no digest buffer in between, and a signature compared as its canonical
 * text needs no decoding of the received one.
 */
export interface HmacKey {
  sign(parts: SignedParts, encoding: Encoding): MaybePromise<string>
}

/** An ed25519 public key, imported once. */
export interface Ed25519PublicKey {
  /** False for a wrong signature, never a throw; callers check the signature is 64 bytes first. */
  verify(parts: SignedParts, signature: Uint8Array): Promise<boolean>
}

/** An ed25519 private key, imported once from its 32-byte seed. */
export interface Ed25519PrivateKey {
  sign(parts: SignedParts): Promise<Uint8Array>
  /** The matching public key, so holders of a signing key verify with it too. */
  publicKey(): Promise<Ed25519PublicKey>
}

/**
 * How an ECDSA signature travels: `der` (ASN.1 `SEQUENCE { r, s }`, SendGrid) or `raw` (`r || s`, 32 bytes
 * each for P-256, the JWS encoding).
 */
export type EcdsaSignatureFormat = 'der' | 'raw'

/** An ECDSA P-256 public key, imported once; it verifies SHA-256 signatures. */
export interface EcdsaPublicKey {
  /** False for a wrong or unreadable signature, never a throw. */
  verify(parts: SignedParts, signature: Uint8Array, format: EcdsaSignatureFormat): Promise<boolean>
}

/** An ECDSA P-256 private key, imported once from its JWK; it signs with SHA-256. */
export interface EcdsaPrivateKey {
  sign(parts: SignedParts, format: EcdsaSignatureFormat): Promise<Uint8Array>
}

/** A P-256 public key as providers hand it out: the DER of its SubjectPublicKeyInfo, or a JWK. */
export type EcdsaPublicKeyData = { spki: Uint8Array } | { jwk: JsonWebKey }

/**
 * Everything the providers need from the platform. Two implementations (node:crypto + Buffer, Web Crypto +
 * portable codecs) behind one interface, chosen once in `backend.ts`.
 */
export interface CryptoBackend {
  readonly runtime: 'node' | 'web'
  createHmacKey(algorithm: HashAlgorithm, secret: Uint8Array | string): HmacKey
  /**
   * A one-shot hash as text (payload hashes for dedup, Twilio's bodySHA256): every caller wants it encoded,
   * and node:crypto encodes natively with no buffer in between (half the cost of hash-then-encode for a
   * 2 KiB body). Synchronous on node:crypto.
   */
  digest(algorithm: HashAlgorithm, data: Uint8Array | string, encoding: Encoding): MaybePromise<string>
  /**
   * Compares two byte strings in time that depends only on their lengths. Lengths are not secret: every
   * provider's signature length is public. Different lengths compare unequal.
   */
  timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean
  /**
   * `timingSafeEqual` of two texts' UTF-8 bytes: for signatures compared in their canonical encoding. Text
   * of other lengths, or not ASCII where the other is, compares unequal.
   */
  timingSafeEqualText(a: string, b: string): boolean
  importEd25519PublicKey(raw: Uint8Array): Ed25519PublicKey
  importEd25519PrivateKey(seed: Uint8Array): Ed25519PrivateKey
  /** A failed import (not a P-256 key) surfaces as `false` from `verify`, like a wrong signature. */
  importEcdsaPublicKey(key: EcdsaPublicKeyData): EcdsaPublicKey
  /** A failed import (not a P-256 private JWK) rejects the first `sign`. */
  importEcdsaPrivateKey(jwk: JsonWebKey): EcdsaPrivateKey
  encode(bytes: Uint8Array, encoding: Encoding): string
  /** The bytes `text` encodes, or `undefined` unless `text` is their canonical encoding. */
  decode(text: string, encoding: Encoding): Uint8Array | undefined
  /** UTF-8 text of `bytes`; invalid sequences become U+FFFD, as every JSON body parser does. */
  utf8(bytes: Uint8Array): string
}
