import {
  createHmacKey,
  decode,
  type Ed25519PrivateKey,
  type Ed25519PublicKey,
  type Encoding,
  encode,
  type HashAlgorithm,
  type SignedParts,
  timingSafeEqualText,
} from '../crypto/backend.js'
import { andThen, type MaybePromise, someIndex } from '../maybe-promise.js'

/** One signature algorithm with its configured keys: checks candidates, and signs when it holds a signing key. */
export interface Verifier {
  /**
   * True when some candidate (still encoded) is a valid signature of one of the `contents` under one of
   * the keys. Candidates that are not canonically encoded never match. Synchronous where the backend is.
   */
  verify(contents: readonly SignedParts[], candidates: readonly string[]): MaybePromise<boolean>
  /** Signs with the first key; absent when only verifying keys are configured (ed25519 public keys). */
  sign?(content: SignedParts): Promise<string>
}

/** A secret, or several while rotating: any one may match, signing uses the first. */
export type OneOrMany<T> = T | readonly T[]

/** The one place secrets become a list; a configuration mistake is a TypeError at factory time. */
export function toList<T>(value: OneOrMany<T> | undefined, option: string): readonly T[] {
  const list = (Array.isArray(value) ? value : value === undefined ? [] : [value]) as readonly T[]
  if (
    list.length === 0 ||
    list.some((item) => item === undefined || item === null || (item as { length?: number }).length === 0)
  )
    throw new TypeError(
      `${option} is required: a non-empty secret, or a non-empty array of them while rotating`,
    )
  return list
}

/**
 * HMAC with every key, compared to every candidate: each key's MAC is computed once per content (contents
 * in order, keys in order, stopping at the first match), encoded, then compared in constant time to each
 * candidate as received. Only the canonical encoding equals the MAC's, so a candidate written any other
 * way (upper-case hex, missing padding, stray characters) never matches, and none needs decoding.
 */
export function hmacVerifier(
  algorithm: HashAlgorithm,
  encoding: Encoding,
  secrets: readonly (Uint8Array | string)[],
): Verifier & Required<Pick<Verifier, 'sign'>> {
  const keys = secrets.map((secret) => createHmacKey(algorithm, secret))
  return {
    verify(contents, candidates) {
      return someIndex(contents.length * keys.length, (i) =>
        andThen(keys[i % keys.length]!.sign(contents[Math.floor(i / keys.length)]!, encoding), (mac) =>
          matchesAny(mac, candidates),
        ),
      )
    },
    async sign(content) {
      return keys[0]!.sign(content, encoding)
    },
  }
}

/**
 * ed25519 (Standard Webhooks `v1a` in base64, Discord in hex): every public key against every candidate;
 * signs with the first private key.
 */
export function ed25519Verifier(
  publicKeys: readonly Promise<Ed25519PublicKey>[],
  privateKeys: readonly Ed25519PrivateKey[],
  encoding: Encoding = 'base64',
): Verifier {
  const first = privateKeys[0]
  return {
    async verify(contents, candidates) {
      const decoded = decodeAll(candidates, encoding).filter((signature) => signature.length === 64)
      for (const content of contents) {
        for (const key of publicKeys) {
          for (const candidate of decoded) if (await (await key).verify(content, candidate)) return true
        }
      }
      return false
    },
    sign: first && (async (content) => encode(await first.sign(content), encoding)),
  }
}

function matchesAny(mac: string, candidates: readonly string[]): boolean {
  for (const candidate of candidates) if (timingSafeEqualText(mac, candidate)) return true
  return false
}

export function decodeAll(candidates: readonly string[], encoding: Encoding): Uint8Array[] {
  const decoded: Uint8Array[] = []
  for (const candidate of candidates) {
    const bytes = decode(candidate, encoding)
    if (bytes) decoded.push(bytes)
  }
  return decoded
}
