import * as nodeBuffer from 'node:buffer'
import * as nodeCrypto from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { backend, createCryptoBackend, type Encoding } from '../../src/crypto/backend.js'

// Both implementations behind the one interface, checked against the same expectations and each other.
const backends = [
  createCryptoBackend({ crypto: nodeCrypto, buffer: nodeBuffer }),
  createCryptoBackend(undefined),
]
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

it('this process runs on node:crypto', () => {
  expect(backend.runtime).toBe('node')
})

describe.each(backends)('$runtime backend', (crypto) => {
  it('signs the concatenation of the parts (RFC 4231 test case 2)', async () => {
    const key = crypto.createHmacKey('sha256', 'Jefe')
    const mac = await key.sign(['what do ya want ', new TextEncoder().encode('for nothing?')], 'hex')
    expect(mac).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843')
  })

  it('hashes with every algorithm like node:crypto does', async () => {
    for (const algorithm of ['sha1', 'sha256', 'sha512'] as const) {
      const expected = nodeCrypto.createHmac(algorithm, 'k').update('body').digest('hex')
      const key = crypto.createHmacKey(algorithm, new TextEncoder().encode('k'))
      expect(await key.sign(['body'], 'hex')).toBe(expected)
      expect(await key.sign(['bo', 'dy'], 'base64')).toBe(
        nodeCrypto.createHmac(algorithm, 'k').update('body').digest('base64'),
      )
      for (const encoding of ['hex', 'base64', 'base64url'] as const)
        expect(await crypto.digest(algorithm, new TextEncoder().encode('body'), encoding)).toBe(
          nodeCrypto.createHash(algorithm).update('body').digest(encoding),
        )
    }
  })

  it('hashes and signs synchronously on node:crypto, with a promise on Web Crypto', () => {
    const digest = crypto.digest('sha256', 'body', 'hex')
    const mac = crypto.createHmacKey('sha256', 'k').sign(['body'], 'hex')
    for (const result of [digest, mac]) {
      if (crypto.runtime === 'node') expect(typeof result).toBe('string')
      else expect(result).toBeInstanceOf(Promise)
    }
  })

  it('compares in constant time and treats different lengths as unequal', () => {
    expect(crypto.timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true)
    expect(crypto.timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false)
    expect(crypto.timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).toBe(false)
    expect(crypto.timingSafeEqualText('ab12', 'ab12')).toBe(true)
    expect(crypto.timingSafeEqualText('ab12', 'ab13')).toBe(false)
    expect(crypto.timingSafeEqualText('ab12', 'ab1')).toBe(false)
    // Same length in characters, not in bytes: unequal, never a throw.
    expect(crypto.timingSafeEqualText('ab1\u00e9', 'ab12')).toBe(false)
    expect(crypto.timingSafeEqualText('\u00e9', 'ab')).toBe(false)
  })

  it('encodes like Buffer and decodes only canonical text', () => {
    const encodings: Encoding[] = ['hex', 'base64', 'base64url']
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70 }), fc.constantFrom(...encodings), (bytes, encoding) => {
        const text = crypto.encode(bytes, encoding)
        expect(text).toBe(Buffer.from(bytes).toString(encoding))
        expect(hex(crypto.decode(text, encoding)!)).toBe(hex(bytes))
      }),
    )
    for (const [text, encoding] of [
      ['ABCD', 'hex'], // upper case
      ['abc', 'hex'], // odd length
      ['zz', 'hex'],
      ['AB==', 'base64'], // non-zero trailing bits: 'AA==' is the canonical form of the same byte
      ['AA', 'base64'], // padding missing
      ['AA==', 'base64url'], // padding is not base64url
      ['A!A=', 'base64'],
      ['+/==', 'base64url'],
    ] as const) {
      expect(crypto.decode(text, encoding), `${text} as ${encoding}`).toBeUndefined()
    }
  })

  it('decodes arbitrary text to bytes that encode back to it, or to nothing', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 20 }),
        fc.constantFrom<Encoding>('hex', 'base64', 'base64url'),
        (text, encoding) => {
          const bytes = crypto.decode(text, encoding)
          if (bytes) expect(crypto.encode(bytes, encoding)).toBe(text)
        },
      ),
    )
  })

  it('signs and verifies ed25519 interchangeably with node:crypto', async () => {
    const pair = nodeCrypto.generateKeyPairSync('ed25519')
    const seed = pair.privateKey.export({ format: 'jwk' }).d!
    const raw = pair.publicKey.export({ format: 'jwk' }).x!
    const privateKey = crypto.importEd25519PrivateKey(Buffer.from(seed, 'base64url'))
    const publicKey = crypto.importEd25519PublicKey(Buffer.from(raw, 'base64url'))
    const signature = await privateKey.sign(['msg.', new TextEncoder().encode('body')])
    expect(nodeCrypto.verify(null, Buffer.from('msg.body'), pair.publicKey, signature)).toBe(true)
    const theirs = nodeCrypto.sign(null, Buffer.from('msg.body'), pair.privateKey)
    expect(await publicKey.verify(['msg.body'], theirs)).toBe(true)
    expect(await (await privateKey.publicKey()).verify(['msg', '.body'], theirs)).toBe(true)
    theirs[0]! ^= 1
    expect(await publicKey.verify(['msg.body'], theirs)).toBe(false)
  })

  it('reads UTF-8, replacing invalid sequences', () => {
    expect(crypto.utf8(new Uint8Array([0x68, 0xc3, 0xa9, 0xff]))).toBe('hé\ufffd')
  })
})

it('the node:crypto backend digests without crypto.hash too (runtimes older than Node 20.12)', () => {
  const withoutHash = createCryptoBackend({
    crypto: { ...nodeCrypto, hash: undefined },
    buffer: nodeBuffer,
  } as never)
  for (const algorithm of ['sha1', 'sha256', 'sha512'] as const) {
    expect(withoutHash.digest(algorithm, 'body', 'base64url')).toBe(
      nodeCrypto.createHash(algorithm).update('body').digest('base64url'),
    )
  }
})
