import { createHash } from 'node:crypto'
import * as nodeCore from '@hookgate/core'
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { clockAt, loadCoreOnWebCrypto, received, rejectionOf } from '../helpers.js'

// Plaid's ES256 JWTs, minted with jose as Plaid mints them (Plaid ships no offline verifier), and ours
// checked with jose's jwtVerify, on both crypto backends.
const web = await loadCoreOnWebCrypto()
const now = 1_760_000_000
const kid = 'bfbd5111-8e33-4643-8ced-b2e642a72f3c'
const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true })
const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }
const privateJwk = { ...(await exportJWK(privateKey)), kid }
const keys = new Map([[kid, jwk]])
const body = JSON.stringify({
  webhook_type: 'TRANSACTIONS',
  webhook_code: 'SYNC_UPDATES_AVAILABLE',
  item_id: 'wz666MBjYWTp2PDzzggYhM6oWWmBb',
  initial_update_complete: true,
  environment: 'sandbox',
})
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

/** What Plaid sends: an ES256 JWT over the body's hash, with the signing key's kid in its header. */
async function plaidJwt(
  claims: { iat?: number; request_body_sha256?: string },
  header: Record<string, string> = {},
) {
  return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT', ...header }).sign(privateKey)
}

describe.each([
  ['node:crypto', nodeCore],
  ['Web Crypto', web.core],
])('%s', (_, core) => {
  const provider = core.plaid({ publicKey: async (id) => keys.get(id), now: clockAt(now) })
  const headersWith = (jwt: string) => ({ 'Plaid-Verification': jwt, 'Content-Type': 'application/json' })

  it('verifies what Plaid signs; id is the body hash, type webhook_type.webhook_code', async () => {
    const jwt = await plaidJwt({ iat: now, request_body_sha256: sha256(body) })
    expect(await core.verifyWebhook(provider, { headers: headersWith(jwt), body })).toMatchObject({
      id: sha256(body),
      type: 'TRANSACTIONS.SYNC_UPDATES_AVAILABLE',
      providerName: 'plaid',
      timestamp: new Date(now * 1000),
    })
  })

  it('signs, with a private JWK in secret, a JWT jose verifies, with the claims Plaid sends', async () => {
    const signer = core.plaid({ publicKey: (id) => keys.get(id), secret: privateJwk, now: clockAt(now) })
    const signed = await signer.sign({ body })
    const jwt = signed.headers['Plaid-Verification']!
    const { payload, protectedHeader } = await jwtVerify(jwt, await importJWK(jwk, 'ES256'), {
      currentDate: new Date(now * 1000),
    })
    expect(protectedHeader).toEqual({ alg: 'ES256', kid, typ: 'JWT' })
    expect(payload).toEqual({ iat: now, request_body_sha256: sha256(body) })
    await expect(provider.verify(received(signed))).resolves.toBeDefined()
  })

  it('rejects a tampered byte, an unknown kid, another key, another alg and a stale iat', async () => {
    const jwt = await plaidJwt({ iat: now, request_body_sha256: sha256(body) })
    const tampered = body.replace('sandbox', 'production')
    expect((await rejectionOf(provider.verify({ headers: headersWith(jwt), body: tampered }))).status).toBe(
      401,
    )
    const unknown = await plaidJwt({ iat: now, request_body_sha256: sha256(body) }, { kid: 'other' })
    expect((await rejectionOf(provider.verify({ headers: headersWith(unknown), body }))).code).toBe(
      'invalid_signature',
    )
    const other = await generateKeyPair('ES256', { extractable: true })
    const otherKeys = core.plaid({ publicKey: () => exportJWK(other.publicKey), now: clockAt(now) })
    expect((await rejectionOf(otherKeys.verify({ headers: headersWith(jwt), body }))).code).toBe(
      'invalid_signature',
    )
    // A JWT that names another algorithm is refused before any key is used.
    const [, claims, signature] = jwt.split('.')
    const none = `${Buffer.from('{"alg":"none","kid":"' + kid + '"}').toString('base64url')}.${claims}.${signature}`
    expect((await rejectionOf(provider.verify({ headers: headersWith(none), body }))).code).toBe(
      'invalid_signature',
    )
    const stale = await plaidJwt({ iat: now - 301, request_body_sha256: sha256(body) })
    expect((await rejectionOf(provider.verify({ headers: headersWith(stale), body }))).code).toBe(
      'timestamp_too_old',
    )
  })

  it('refuses a header that is no JWT, or has no iat, as malformed (400)', async () => {
    for (const value of ['abc', 'a.b.c', await plaidJwt({ request_body_sha256: sha256(body) })]) {
      expect((await rejectionOf(provider.verify({ headers: headersWith(value), body }))).code, value).toBe(
        'malformed_header',
      )
    }
  })

  it('lets a resolver that throws fail the delivery with its own error (a 500: Plaid retries)', async () => {
    const failing = core.plaid({
      publicKey: () => {
        throw new Error('Plaid API down')
      },
      now: clockAt(now),
    })
    const jwt = await plaidJwt({ iat: now, request_body_sha256: sha256(body) })
    await expect(failing.verify({ headers: headersWith(jwt), body })).rejects.toThrow('Plaid API down')
  })

  it('requires a resolver and a private JWK with a kid to sign, naming the option', () => {
    expect(() => core.plaid({} as never)).toThrow(/plaid: publicKey is required/)
    const { kid: _kid, ...withoutKid } = privateJwk
    expect(() => core.plaid({ publicKey: () => jwk, secret: withoutKid as never })).toThrow(
      /plaid: secret must be/,
    )
  })
})
