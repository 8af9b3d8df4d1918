import * as nodeBuffer from 'node:buffer'
import * as nodeCrypto from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createCryptoBackend } from '../../../src/crypto/backend.js'
import { derToRaw, rawToDer } from '../../../src/crypto/ecdsa-der.js'

// ECDSA P-256 behind the one backend interface: both implementations sign and verify interchangeably with
// node:crypto, in DER (SendGrid) and raw r||s (JWS), and refuse what is not a P-256 signature.
const backends = [
  createCryptoBackend({ crypto: nodeCrypto, buffer: nodeBuffer }),
  createCryptoBackend(undefined),
]
const pair = nodeCrypto.generateKeyPairSync('ec', { namedCurve: 'P-256' })
const spki = pair.publicKey.export({ format: 'der', type: 'spki' })
const message = Buffer.from('1600112502[{"event":"open"}]')

describe.each(backends)('$runtime backend', (crypto) => {
  it('verifies node:crypto signatures in DER and raw form, from an SPKI or a JWK', async () => {
    for (const [format, dsaEncoding] of [
      ['der', 'der'],
      ['raw', 'ieee-p1363'],
    ] as const) {
      const signature = nodeCrypto.sign('sha256', message, { key: pair.privateKey, dsaEncoding })
      for (const key of [{ spki }, { jwk: pair.publicKey.export({ format: 'jwk' }) }]) {
        const publicKey = crypto.importEcdsaPublicKey(key)
        expect(await publicKey.verify(['1600112502', message.subarray(10)], signature, format)).toBe(true)
        signature[signature.length - 1]! ^= 1
        expect(await publicKey.verify([message], signature, format)).toBe(false)
        signature[signature.length - 1]! ^= 1
      }
    }
  })

  it('signs what node:crypto verifies, in both forms', async () => {
    const privateKey = crypto.importEcdsaPrivateKey(pair.privateKey.export({ format: 'jwk' }))
    for (const [format, dsaEncoding] of [
      ['der', 'der'],
      ['raw', 'ieee-p1363'],
    ] as const) {
      const signature = await privateKey.sign([message], format)
      expect(nodeCrypto.verify('sha256', message, { key: pair.publicKey, dsaEncoding }, signature)).toBe(true)
    }
  })

  it('answers false, never throws, for another curve or a signature of the wrong shape', async () => {
    const p384 = nodeCrypto.generateKeyPairSync('ec', { namedCurve: 'P-384' })
    const other = crypto.importEcdsaPublicKey({
      spki: p384.publicKey.export({ format: 'der', type: 'spki' }),
    })
    const signature = nodeCrypto.sign('sha256', message, p384.privateKey)
    expect(await other.verify([message], signature, 'der')).toBe(false)
    const key = crypto.importEcdsaPublicKey({ spki })
    for (const bad of [new Uint8Array(0), new Uint8Array(63), new Uint8Array(72).fill(0x30)])
      for (const format of ['der', 'raw'] as const)
        expect(await key.verify([message], bad, format)).toBe(false)
  })
})

describe('DER and raw signatures', () => {
  it('convert into each other exactly as node:crypto writes them', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), (raw) => {
        const der = rawToDer(raw)
        expect(Buffer.from(derToRaw(der, 32)!).equals(Buffer.from(raw))).toBe(true)
      }),
    )
    for (let i = 0; i < 20; i++) {
      const der = nodeCrypto.sign('sha256', message, { key: pair.privateKey, dsaEncoding: 'der' })
      const raw = nodeCrypto.sign('sha256', message, { key: pair.privateKey, dsaEncoding: 'ieee-p1363' })
      expect(Buffer.from(rawToDer(derToRaw(der, 32)!)).equals(der)).toBe(true)
      expect(derToRaw(rawToDer(raw), 32)).toEqual(new Uint8Array(raw))
    }
  })

  it('refuses what is not one DER signature: trailing bytes, negative or oversized integers, wrong tags', () => {
    const der = rawToDer(new Uint8Array(64).fill(1))
    expect(derToRaw(der, 32)).toBeDefined()
    expect(derToRaw(new Uint8Array([...der, 0]), 32)).toBeUndefined()
    const negative = Uint8Array.from(der)
    negative[4] = 0x81
    expect(derToRaw(negative, 32)).toBeUndefined()
    expect(derToRaw(rawToDer(new Uint8Array(66).fill(1)), 32)).toBeUndefined()
    const tagged = Uint8Array.from(der)
    tagged[2] = 0x04
    expect(derToRaw(tagged, 32)).toBeUndefined()
  })
})
