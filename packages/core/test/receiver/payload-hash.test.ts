import { createHash } from 'node:crypto'
import { expect, it } from 'vitest'
import { payloadHash } from '../../src/store/payload-hash.js'

const bytes = (text: string) => new TextEncoder().encode(text)

it('fingerprints a body as its SHA-1 in base64url (27 characters)', async () => {
  const hash = await payloadHash(bytes('{"id":"evt_1"}'))
  expect(hash).toMatch(/^[A-Za-z0-9_-]{27}$/)
  expect(hash).toBe(createHash('sha1').update('{"id":"evt_1"}').digest('base64url'))
})

it('is the same for the same bytes and differs for others', async () => {
  expect(await payloadHash(bytes('{"a":1}'))).toBe(await payloadHash(bytes('{"a":1}')))
  expect(await payloadHash(bytes('{"a":1}'))).not.toBe(await payloadHash(bytes('{"a":2}')))
})
