// The campaign's instruments can fail: the leak scan finds a planted secret, the judge calls a crash a crash
// and a wrong 2xx a wrong 2xx, and the fuzz oracle refuses a mutated signed field.
import { describe, expect, it } from 'vitest'
import { Capture } from './support/capture.js'
import { judge } from './support/ledger.js'
import { applyMutations, mayBeAccepted } from './support/mutations.js'
import { providerNamed, signedDelivery } from './support/providers.js'

describe('the leak scan', () => {
  it('finds a secret in log fields, in an error cause and as upper-case hex', () => {
    const secret = 'whsec_planted_secret'
    const hex = Buffer.from(secret).toString('hex')
    const capture = new Capture()
    capture.sensitive(secret)
    capture.sensitive(hex)
    capture.add('clean', { message: 'nothing here' })
    expect(capture.leaks()).toEqual([])
    capture.logger().warn({ config: { secret } }, 'oops')
    capture.add('error', new Error('outer', { cause: new Error(`key ${hex.toUpperCase()}`) }))
    expect(capture.leaks()).toHaveLength(2)
  })
})

describe('the judge', () => {
  const response = (status: number, body: string) => ({
    kind: 'response' as const,
    status,
    headers: {},
    body,
    ms: 1,
    written: 0,
  })

  it.each([
    ['no answer', { kind: 'reset' as const, ms: 1 }, {}, 'crash'],
    [
      'an untyped 500',
      response(500, 'Internal Server Error'),
      { reject: ['internal_error' as const] },
      'crash',
    ],
    [
      'a typed 503',
      response(503, '{"ok":false,"code":"store_unavailable"}'),
      { reject: ['store_unavailable' as const] },
      'rejected',
    ],
    [
      'a 2xx where a refusal is expected',
      response(202, '{"ok":true,"code":"accepted"}'),
      { reject: ['invalid_signature' as const] },
      'wrongly accepted',
    ],
    [
      'a code with the wrong status',
      response(400, '{"ok":false,"code":"invalid_signature"}'),
      { reject: ['invalid_signature' as const] },
      'unexpected',
    ],
    ['Node refusing bad HTTP, when allowed', response(400, ''), { httpRefusal: [400] }, 'rejected'],
    [
      'Node refusing bad HTTP, when not expected',
      response(400, ''),
      { reject: ['malformed_header' as const] },
      'unexpected',
    ],
  ])('%s', (_name, answer, expectation, verdict) => {
    expect(judge(answer, expectation).verdict).toBe(verdict)
  })
})

describe('the fuzz oracle', () => {
  it.each(['stripe', 'standard-webhooks'] as const)(
    '%s: only an untouched signed content may pass',
    async (name) => {
      const provider = providerNamed(name)
      const original = await signedDelivery(provider)
      const unchanged = applyMutations(original, [{ kind: 'remove', header: 'content-type' }])
      expect(mayBeAccepted(provider, original, unchanged)).toBe(true)
      const body = applyMutations(original, [{ kind: 'body', edit: { op: 'flip', at: 3, byte: 0x41 } }])
      expect(mayBeAccepted(provider, original, body)).toBe(false)
      const signature = applyMutations(original, [
        { kind: 'value', header: provider.signatureHeader, edit: { op: 'truncate', at: 20 } },
      ])
      expect(mayBeAccepted(provider, original, signature)).toBe(false)
      const stamp = name === 'stripe' ? 'stripe-signature' : 'webhook-timestamp'
      const timestamp = applyMutations(original, [
        { kind: 'duplicate', header: stamp, edit: { op: 'replace', text: 't=1' } },
      ])
      expect(mayBeAccepted(provider, original, timestamp)).toBe(false)
    },
  )
})
