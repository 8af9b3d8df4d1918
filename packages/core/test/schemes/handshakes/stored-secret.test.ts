import { asana, createReceiver, notion, type RawRequest } from '@hookgate/core'
import { describe, expect, it } from 'vitest'
import { quiet } from '../../receiver/helpers.js'

// The app's side of a first request that carries the secret: stored before the answer, then every delivery
// is verified with what the app stored, looked up per request.
describe.each([
  {
    name: 'asana',
    build: (store: (secret: string) => Promise<void>, secret: () => string | undefined) =>
      asana({ secret, onHookSecret: store }),
    first: (secret: string): RawRequest => ({
      method: 'POST',
      headers: { 'X-Hook-Secret': secret },
      body: '',
    }),
    body: JSON.stringify({ events: [] }),
  },
  {
    name: 'notion',
    build: (store: (secret: string) => Promise<void>, secret: () => string | undefined) =>
      notion({ secret, onVerificationToken: store }),
    first: (secret: string): RawRequest => ({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ verification_token: secret }),
    }),
    body: JSON.stringify({ id: 'evt-1', type: 'page.created' }),
  },
])('$name', ({ build, first, body }) => {
  it('stores the secret before answering, then verifies deliveries with it; 401 before, 503 when storing fails', async () => {
    let kept: string | undefined
    let failing = true
    const provider = build(
      async (secret) => {
        if (failing) throw new Error('database down')
        kept = secret
      },
      () => kept,
    )
    const receiver = createReceiver({ provider, logger: quiet })
    receiver.on('*', () => {})
    const signer = build(
      async () => {},
      () => 'the-secret-sent',
    )
    const delivery = await signer.sign({ body })
    const early = await receiver.receive({ method: 'POST', headers: delivery.headers, body })
    expect([early.status, early.code]).toEqual([401, 'unknown_tenant'])
    const refused = await receiver.receive(first('the-secret-sent'))
    expect([refused.status, kept]).toEqual([503, undefined])
    failing = false
    expect((await receiver.receive(first('the-secret-sent'))).status).toBe(200)
    expect(kept).toBe('the-secret-sent')
    const outcome = await receiver.receive({ method: 'POST', headers: delivery.headers, body })
    expect(outcome.status).toBe(202)
    const forged = await receiver.receive({ method: 'POST', headers: delivery.headers, body: `${body} ` })
    expect(forged.status).toBe(401)
    await receiver.close()
  })

  it('names the callback option when it is missing', () => {
    expect(() => build(undefined as never, () => 's')).toThrow(/onHookSecret|onVerificationToken/)
  })
})
