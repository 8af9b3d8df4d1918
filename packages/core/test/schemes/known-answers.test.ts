import * as nodeCore from '@hookgate/core'
import { describe, expect, it } from 'vitest'
import { usesNodeCrypto } from '../../src/crypto/backend.js'
import { loadCoreOnWebCrypto } from './helpers.js'
import { vectors } from './vectors.js'

// The providers' own documented examples (vectors.ts), run through the node:crypto backend and the Web
// Crypto one; test/runtimes runs the same vectors inside workerd, Bun and Deno.
const web = await loadCoreOnWebCrypto()

it('runs one copy on node:crypto and one on Web Crypto', () => {
  expect(usesNodeCrypto).toBe(true)
  expect(web.runtime).toBe('web')
})

describe.each([
  ['node:crypto', nodeCore],
  ['Web Crypto', web.core],
])('%s', (_, core) => {
  it.each(vectors)('$name', (vector) => vector.run(core))
})
