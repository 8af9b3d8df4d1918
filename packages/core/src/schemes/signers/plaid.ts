import {
  digest,
  type EcdsaPrivateKey,
  encode,
  importEcdsaPrivateKey,
  importEcdsaPublicKey,
  timingSafeEqualText,
} from '../../crypto/backend.js'
import type { MaybePromise } from '../../maybe-promise.js'
import { defineProvider } from '../engine.js'
import { malformedHeader } from '../failures.js'
import { parseJson, stringField, untypedEventType } from '../payload.js'
import type { CommonProviderOptions, Provider } from '../scheme.js'
import type { SignatureFormat } from '../signature-list.js'
import type { Verifier } from '../verifiers.js'
import { decodeJwt, jwtSigningInput } from './jwt.js'

/** Finds the public key Plaid signed with, by the JWT's `kid`: `undefined` when there is none. */
export type PlaidKeyResolver = (kid: string) => MaybePromise<JsonWebKey | undefined>

export interface PlaidOptions extends CommonProviderOptions {
  /**
   * The verification key of a `kid`: fetch it with Plaid's `/webhook_verification_key/get` and cache it
   * (Plaid rotates keys; fetching is the app's call, with its client and credentials). A resolver that
   * throws fails the delivery with 500, so Plaid retries it.
   */
  publicKey: PlaidKeyResolver
  /**
   * A P-256 private key as a JWK with its `kid` (an object, or its JSON), for `sign()` in tests and the
   * CLI only: Plaid keeps its own.
   * @default none: `sign()` is unavailable
   */
  secret?: (JsonWebKey & { kid: string }) | string
  /**
   * How old the JWT's `iat` may be, in either direction.
   * @default '5m' (Plaid's documented limit)
   */
  tolerance?: CommonProviderOptions['tolerance']
}

const header = 'Plaid-Verification'

/**
 * Plaid: `Plaid-Verification` is an ES256 JWT (`alg` must be ES256) signed by the key its `kid` names,
 * whose `request_body_sha256` claim is the SHA-256 (hex) of the raw body and whose `iat` must be within
 * `tolerance` (5 minutes). `type` is `webhook_type.webhook_code` (`TRANSACTIONS.SYNC_UPDATES_AVAILABLE`).
 * Plaid sends no id, and signs every attempt anew (a new `iat`): a retry repeats only the body, so `id` is
 * the body's SHA-256, read from the verified claim. Two distinct webhooks with identical bodies within the
 * dedup window are one event (Plaid's webhooks say "fetch now", so the later fetch sees both); give the
 * receiver a `key` to decide otherwise. Plaid retries for up to 24 hours: the dedup window defaults to 1 day.
 */
export function plaid(options: PlaidOptions): Provider {
  if (typeof options.publicKey !== 'function')
    throw new TypeError('plaid: publicKey is required: a function from a kid to its verification key (a JWK)')
  const signing = options.secret === undefined ? undefined : signingKey(options.secret)
  return defineProvider(
    {
      name: 'plaid',
      retryHorizon: '1d',
      keyOptions: 'publicKey',
      signatureHeader: [header],
      format: jwtFormat,
      verifiers: new Map([['', es256Verifier(options.publicKey, signing)]]),
      signs: { timestamp: true, id: false },
      // The JWT binds the two: its iat, and the body through its hash.
      signedContent: (fields) => [[fields.timestamp!, fields.body]],
      signatureHint: 'Check publicKey returns the key of the JWT kid, from this Plaid environment.',
      parse(verified) {
        const payload = parseJson(verified.raw, 'plaid')
        const webhookType = stringField(payload, 'webhook_type')
        const code = stringField(payload, 'webhook_code')
        const { claims } = decodeJwt(verified.headers['plaid-verification']!, header)
        return {
          payload,
          id: claims.request_body_sha256 as string,
          type: webhookType && code ? `${webhookType}.${code}` : (code ?? untypedEventType),
        }
      },
    },
    options,
  )
}

/** The JWT is the one signature; its `iat` is the timestamp the engine checks before any key is fetched. */
const jwtFormat: SignatureFormat = {
  read(value) {
    const { claims } = decodeJwt(value, header)
    if (!Number.isSafeInteger(claims.iat) || (claims.iat as number) < 0)
      throw malformedHeader(header, 'has no iat claim in whole seconds')
    return { entries: [{ version: '', value }], timestamp: String(claims.iat) }
  },
  write: (entries) => entries[0]!.value,
}

interface SigningKey {
  key: EcdsaPrivateKey
  kid: string
}

/**
 * ES256 over the JWT's signing input with the key of its `kid`, then the claims against the content
 * (`[iat, body]`): the same `iat`, and the body's SHA-256 compared in constant time.
 */
function es256Verifier(resolve: PlaidKeyResolver, signing: SigningKey | undefined): Verifier {
  return {
    async verify(contents, candidates) {
      const [iat, body] = contents[0]!
      for (const candidate of candidates) {
        const jwt = decodeJwt(candidate, header)
        const kid = jwt.header.kid
        if (jwt.header.alg !== 'ES256' || typeof kid !== 'string') continue
        const jwk = await resolve(kid)
        if (!jwk) continue
        const key = importEcdsaPublicKey({ jwk })
        if (!(await key.verify([jwt.signingInput], jwt.signature, 'raw'))) continue
        const claimed = jwt.claims.request_body_sha256
        if (String(jwt.claims.iat) !== iat || typeof claimed !== 'string') continue
        if (timingSafeEqualText(await digest('sha256', body!, 'hex'), claimed)) return true
      }
      return false
    },
    sign:
      signing &&
      (async ([iat, body]) => {
        const claims = { iat: Number(iat), request_body_sha256: await digest('sha256', body!, 'hex') }
        const input = jwtSigningInput({ alg: 'ES256', kid: signing.kid, typ: 'JWT' }, claims)
        return `${input}.${encode(await signing.key.sign([input], 'raw'), 'base64url')}`
      }),
  }
}

function signingKey(secret: JsonWebKey | string): SigningKey {
  try {
    const jwk = typeof secret === 'string' ? (JSON.parse(secret) as JsonWebKey & { kid?: unknown }) : secret
    const { kid } = jwk as { kid?: unknown }
    if (jwk.kty === 'EC' && jwk.crv === 'P-256' && typeof jwk.d === 'string' && typeof kid === 'string')
      return { key: importEcdsaPrivateKey(jwk), kid }
  } catch {}
  throw new TypeError(
    'plaid: secret must be a P-256 private key as a JWK with its kid (kty EC, crv P-256, d, kid)',
  )
}
