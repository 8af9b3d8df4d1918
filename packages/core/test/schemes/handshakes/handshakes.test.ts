import { createReceiver, memoryStore, type Provider, type RawRequest } from '@hookgate/core'
import { describe, expect, it, vi } from 'vitest'
import { quiet, until } from '../../receiver/helpers.js'
import { cases, flip, type HandshakeCase, type SenderRequest } from './cases.js'

const asRaw = (request: SenderRequest): RawRequest => ({
  method: request.method,
  url: `https://receiver.test/webhooks${request.query ?? ''}`,
  headers: request.headers,
  body: request.body,
})

/** One byte of the body changed (no signature survives that), or of the credential of one that signs nothing. */
const tampered = (request: SenderRequest, forge: HandshakeCase['forge']): RawRequest =>
  asRaw(forge ? forge(request) : { ...request, body: flip(request.body) })

function receiverOf(provider: () => Provider) {
  const store = memoryStore()
  const claims = vi.spyOn(store, 'claim')
  const handled = vi.fn()
  const receiver = createReceiver({ provider: provider(), store, logger: quiet })
  receiver.on('*', handled)
  return { receiver, claims, handled }
}

describe.each(cases.map((c) => [c.name, c] as const))('%s', (_, sender) => {
  const provider = () => sender.provider()
  it('answers each handshake exactly as the sender wants, twice in a row, never reaching a handler or the store', async () => {
    const { receiver, claims, handled } = receiverOf(provider)
    for (const { request, answer } of await sender.handshakes()) {
      for (const attempt of [1, 2]) {
        const outcome = await receiver.receive(asRaw(request))
        expect([attempt, outcome.status, outcome.body]).toEqual([attempt, answer.status, answer.body])
        expect(outcome.headers).toMatchObject(answer.headers)
        expect(outcome.code).toBe('challenge')
      }
    }
    expect(claims).not.toHaveBeenCalled()
    expect(handled).not.toHaveBeenCalled()
    await receiver.close()
  })

  it('hands a signed event to handlers with its type, and rejects it with one byte changed', async () => {
    const { receiver, handled } = receiverOf(provider)
    const { request, type } = await sender.delivery()
    const forged = await receiver.receive(tampered(request, sender.forge))
    expect([forged.status, forged.code]).toEqual([401, 'invalid_signature'])
    const outcome = await receiver.receive(asRaw(request))
    expect(outcome.status).toBe(202)
    await until(() => expect(handled).toHaveBeenCalledTimes(1))
    expect(handled.mock.calls[0]![0]).toMatchObject({ type, providerName: provider().name })
    await receiver.close()
  })
})
