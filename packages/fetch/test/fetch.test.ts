import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createReceiver, type Outcome, stripe } from '@hookgate/core'
import { hookgate } from '@hookgate/fetch'
import { afterEach, describe, expect, it } from 'vitest'
import { fakeEndpoint } from '../../../test/adapters/fake-endpoint.js'
import {
  asRequest,
  describeDeliveryTable,
  invoice,
  requestOf,
  sendTo,
  signStripe,
  stripeSecret,
} from './delivery-table.js'

const url = 'http://example.com/webhooks/stripe'

describeDeliveryTable('@hookgate/fetch, called directly', async (receiver) => {
  const handler = hookgate(receiver)
  return { send: sendTo(url, handler) }
})

describeDeliveryTable('@hookgate/fetch on @hono/node-server, a real socket', async (receiver) => {
  const server = serve({ fetch: hookgate(receiver), port: 0, hostname: '127.0.0.1' })
  await new Promise((resolve) => server.once('listening', resolve))
  const { port } = server.address() as AddressInfo
  return {
    send: sendTo(`http://127.0.0.1:${port}/webhooks/stripe`),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
})

describe('@hookgate/fetch', () => {
  const receivers: { close(): Promise<void> }[] = []
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.close()))
  })
  function receiver() {
    const created = createReceiver({
      provider: stripe({ secret: stripeSecret }),
      logger: { info() {}, warn() {}, error() {} },
    })
    receivers.push(created)
    created.on('*', async () => {})
    return created
  }

  it('refuses a body already read with raw_body_unavailable and the fix, never 401', async () => {
    const signed = await signStripe(invoice('evt_used'))
    const request = requestOf(asRequest(signed), url)
    await request.json()
    const res = await hookgate(receiver())(request)
    expect(res.status).toBe(500)
    const { code, message } = (await res.json()) as { code: string; message: string }
    expect(code).toBe('raw_body_unavailable')
    expect(message).toContain("parse: 'none'")
    expect(message).toContain('request.clone()')
  })

  it('verifies a request whose clone was read first', async () => {
    const request = requestOf(asRequest(await signStripe(invoice('evt_clone'))), url)
    await request.clone().json()
    expect((await hookgate(receiver())(request)).status).toBe(202)
  })

  describe('keeps the first attempt alive with waitUntil', () => {
    /** A receiver whose handler the test releases; `kept` is what waitUntil was given. */
    async function deliver(
      call: (handler: ReturnType<typeof hookgate>, request: Request) => Promise<Response>,
    ) {
      const created = receiver()
      const ran: string[] = []
      created.on('*', async (event) => {
        ran.push(event.id ?? '')
      })
      const signed = await signStripe(invoice('evt_wait'))
      const res = await call(hookgate(created), requestOf(asRequest(signed), url))
      return { res, ran }
    }

    it.each([
      ['the 2nd argument (a Vercel or Next.js edge context)', 1],
      ['the 3rd argument (a Workers ExecutionContext)', 2],
    ])('found on %s', async (_where, position) => {
      const kept: Promise<unknown>[] = []
      // A method of its object, as on Workers, whose waitUntil throws when called unbound.
      const context = {
        kept,
        waitUntil(this: { kept: Promise<unknown>[] }, work: Promise<unknown>) {
          this.kept.push(work)
        },
      }
      const { res, ran } = await deliver((handler, request) =>
        position === 1 ? handler(request, context) : handler(request, { env: true }, context),
      )
      expect(res.status).toBe(202)
      expect(kept).toHaveLength(1)
      await kept[0]
      expect(ran).toEqual(['evt_wait'])
    })

    it('from options.waitUntil', async () => {
      const kept: Promise<unknown>[] = []
      const created = receiver()
      const ran: string[] = []
      created.on('*', async (event) => {
        ran.push(event.id ?? '')
      })
      const handler = hookgate(created, { waitUntil: (work) => kept.push(work) })
      const res = await handler(requestOf(asRequest(await signStripe(invoice('evt_opt'))), url), {})
      expect(res.status).toBe(202)
      expect(kept).toHaveLength(1)
      await kept[0]
      expect(ran).toEqual(['evt_opt'])
    })

    it('passes none where the context has none (Node, Bun, Deno)', async () => {
      const endpoint = fakeEndpoint()
      await hookgate(endpoint)(new Request(url, { method: 'POST', body: '{}' }), { env: {} })
      expect(endpoint.received[0]?.options).toEqual({ waitUntil: undefined })
    })
  })

  describe('passThrough', () => {
    it('hands a 2xx outcome and an unread copy of the request to the next handler, whose answer stands', async () => {
      const signed = await signStripe(invoice('evt_pass'))
      const handler = hookgate(receiver(), {
        passThrough: async (outcome, request) => {
          const payload = await request.json()
          return Response.json({ code: outcome.code, type: outcome.event?.type, payload }, { status: 201 })
        },
      })
      const original = requestOf(asRequest(signed), url)
      const res = await handler(original)
      expect(res.status).toBe(201)
      expect(await res.json()).toEqual({
        code: 'accepted',
        type: 'invoice.paid',
        payload: JSON.parse(invoice('evt_pass')),
      })
    })

    it('keeps the method, URL and headers on the copy', async () => {
      let seen: Request | undefined
      const handler = hookgate(fakeEndpoint(), {
        passThrough: (_outcome: Outcome, request) => {
          seen = request
          return new Response('ok')
        },
      })
      await handler(new Request(`${url}?a=1`, { method: 'POST', headers: { 'x-test': 'kept' }, body: '{}' }))
      expect([seen?.method, seen?.url, seen?.headers.get('x-test')]).toEqual(['POST', `${url}?a=1`, 'kept'])
      expect(seen?.bodyUsed).toBe(false)
    })

    it('never reaches the next handler with a refusal', async () => {
      let reached = false
      const handler = hookgate(receiver(), {
        passThrough: () => {
          reached = true
          return new Response('unreachable')
        },
      })
      const forged = await stripe({ secret: 'whsec_other' }).sign({ body: invoice('evt_forged') })
      const res = await handler(requestOf(asRequest(forged), url))
      expect(res.status).toBe(401)
      expect(reached).toBe(false)
    })
  })

  it('resolves the public URL from publicUrl', async () => {
    const endpoint = fakeEndpoint()
    await hookgate(endpoint, { publicUrl: 'https://api.example.com/v1' })(
      new Request('http://internal:8080/hook?x=1', { method: 'POST', body: '{}' }),
    )
    expect(endpoint.received[0]?.url).toBe('https://api.example.com/v1/hook?x=1')
  })

  it('names the option that is not a function', () => {
    expect(() => hookgate(fakeEndpoint(), { waitUntil: 'soon' as never })).toThrow(
      '@hookgate/fetch: waitUntil must be a function, got string',
    )
  })
})
