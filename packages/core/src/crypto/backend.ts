/**
 * The one place that decides how to hash: `node:crypto` where the runtime has it (Node, Bun, Deno, Workers
 * with nodejs_compat) because it is several times faster than Web Crypto for small bodies and never goes
 * async; Web Crypto everywhere else. Providers only see the functions exported here.
 *
 * `process.getBuiltinModule` (Node >= 20.16, Bun, Deno) loads `node:crypto` without an import statement,
 * so bundlers for edge runtimes never try to resolve it. Tests build the Web Crypto backend with
 * `createCryptoBackend(undefined)`, or hide `getBuiltinModule` before importing the package.
 */
import { createNodeBackend, type NodeModules } from './node.js'
import type { CryptoBackend } from './types.js'
import { createWebBackend } from './web.js'

export { concat } from './bytes.js'
export type { Encoding } from './encoding.js'
export type { NodeModules } from './node.js'
export type {
  CryptoBackend,
  EcdsaPrivateKey,
  EcdsaPublicKey,
  EcdsaPublicKeyData,
  EcdsaSignatureFormat,
  Ed25519PrivateKey,
  Ed25519PublicKey,
  HashAlgorithm,
  HmacKey,
  SignedParts,
} from './types.js'

/** The Node implementation when given Node's built-ins, the Web Crypto one otherwise. */
export function createCryptoBackend(node: NodeModules | undefined): CryptoBackend {
  return node ? createNodeBackend(node) : createWebBackend()
}

function loadNodeModules(): NodeModules | undefined {
  const load = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
    ?.getBuiltinModule
  if (!load) return undefined
  const crypto = load('node:crypto') as NodeModules['crypto'] | undefined
  const buffer = load('node:buffer') as NodeModules['buffer'] | undefined
  return crypto && buffer ? { crypto, buffer } : undefined
}

/** The backend this process uses, chosen once at module load. */
export const backend: CryptoBackend = createCryptoBackend(loadNodeModules())

/** True when hashing runs on `node:crypto`; false on Web Crypto. */
export const usesNodeCrypto = backend.runtime === 'node'

export const {
  createHmacKey,
  digest,
  timingSafeEqual,
  timingSafeEqualText,
  importEd25519PublicKey,
  importEd25519PrivateKey,
  importEcdsaPublicKey,
  importEcdsaPrivateKey,
  encode,
  decode,
  utf8,
} = backend
