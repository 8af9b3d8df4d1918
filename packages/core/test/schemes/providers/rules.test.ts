import { verifyWebhook } from '@hookgate/core'
import { describe, expect, it } from 'vitest'
import { clockAt, received, rejectionOf } from '../helpers.js'
import { cases, now } from './cases.js'

// What every provider of this folder must do, on one signed delivery each (cases.ts).
describe.each(cases)('$name', ({ make, input, expected, signatureHeader }) => {
  const provider = make(clockAt(now))

  it('verifies what it signs and parses the id and type', async () => {
    const signed = await provider.sign({ ...input, timestamp: now })
    expect(Object.keys(signed.headers)).toContain(signatureHeader)
    const event = await verifyWebhook(provider, received(signed))
    expect({ id: event.id, type: event.type }).toEqual(expected)
  })

  it('rejects a tampered byte with invalid_signature (401)', async () => {
    const signed = await provider.sign({ ...input, timestamp: now })
    const body = String(signed.body)
    const at = body.indexOf('"') + 1
    const tampered = body.slice(0, at) + String.fromCharCode(body.charCodeAt(at) ^ 1) + body.slice(at + 1)
    const error = await rejectionOf(provider.verify(received(signed, { body: tampered })))
    expect({ code: error.code, status: error.status }).toEqual({ code: 'invalid_signature', status: 401 })
  })

  it('rejects a delivery without its signature header with missing_header (400)', async () => {
    const signed = await provider.sign({ ...input, timestamp: now })
    const headers = Object.fromEntries(
      Object.entries(signed.headers).filter(([name]) => name !== signatureHeader),
    )
    const error = await rejectionOf(provider.verify(received(signed, { headers })))
    expect({ code: error.code, status: error.status }).toEqual({ code: 'missing_header', status: 400 })
  })

  it.runIf(provider.tolerance !== undefined)('rejects a stale or future signed timestamp', async () => {
    const tolerance = provider.tolerance!
    for (const [shift, code] of [
      [-tolerance - 2000, 'timestamp_too_old'],
      [tolerance + 2000, 'timestamp_in_future'],
    ] as const) {
      const at = now * 1000 + shift
      const body = String(input.body).replace(String(now * 1000), String(at))
      const signed = await provider.sign({ ...input, body, timestamp: at / 1000 })
      expect((await rejectionOf(provider.verify(received(signed)))).code).toBe(code)
    }
  })
})
