// On @hono/node-server the middleware reads the Node request beneath `c.req.raw` (see node-incoming.ts).
// These tests hold that path to the Web Request path: same request for the receiver, same refusals, and
// the fallback whenever something touched the body first.
import { request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { readHeaders } from '@hookgate/core'
import { hookgate } from '@hookgate/hono'
import { Context, Hono, type MiddlewareHandler } from 'hono'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { type FakeEndpoint, fakeEndpoint } from '../../../test/adapters/fake-endpoint.js'

const body = '{"type":"invoice.paid","id":"evt_1"}'
const decoded = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes)

let close: (() => Promise<void>) | undefined
afterEach(async () => {
  await close?.()
  close = undefined
})

/** An app with `before` ahead of the webhook route, served by node-server on a loopback port. */
async function served(endpoint: FakeEndpoint, before?: MiddlewareHandler, passThrough = false) {
  const app = new Hono()
  if (before) app.use('*', before)
  app.post('/hook', hookgate(endpoint, { passThrough }), async (c) => c.json({ chained: await c.req.json() }))
  const port = await new Promise<number>((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve(info.port),
    )
    close = () => new Promise<void>((done) => server.close(() => done()))
  })
  return { app, url: `http://127.0.0.1:${port}/hook` }
}

/** A POST with headers given as raw [name, value] pairs, so a header can be sent twice. */
function post(url: string, headers: [string, string][], payload: string) {
  // With raw headers Node adds neither Host nor the body's framing.
  const raw = [
    ['Host', new URL(url).host],
    ...headers,
    ['Content-Length', String(Buffer.byteLength(payload))],
  ].flat()
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: raw, agent: false }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        text += chunk
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
    })
    req.on('error', reject)
    req.end(payload)
  })
}

const headers: [string, string][] = [
  ['Content-Type', 'application/json'],
  ['Webhook-Id', 'msg_1'],
  // Node's `incoming.headers` keeps only the first Authorization; a Web `Headers` joins both.
  ['Authorization', 'Bearer one'],
  ['Authorization', 'Bearer two'],
  ['X-Repeated', 'a'],
  ['x-repeated', 'b'],
]

describe('@hookgate/hono on @hono/node-server', () => {
  it('hands the receiver the same headers, body and URL as the Web Request path (app.request)', async () => {
    const overNode = fakeEndpoint()
    const { url } = await served(overNode)
    expect((await post(`${url}?a=1`, headers, body)).status).toBe(202)

    const overWeb = fakeEndpoint()
    const { app } = await served(overWeb)
    const web = new Headers()
    for (const [name, value] of headers) web.append(name, value)
    web.set('Content-Length', String(Buffer.byteLength(body)))
    await app.request(`${url}?a=1`, { method: 'POST', headers: web, body })

    const [node, fetched] = [overNode.received[0], overWeb.received[0]]
    const { host, connection, ...nodeHeaders } = readHeaders(node!.headers)
    expect(host).toBe(new URL(url).host)
    expect(nodeHeaders).toEqual(readHeaders(fetched!.headers))
    expect(nodeHeaders.authorization).toBe('Bearer one, Bearer two')
    expect(nodeHeaders['x-repeated']).toBe('a, b')
    expect(decoded(node?.body)).toBe(body)
    expect(node?.url).toBe(fetched?.url)
  })

  it('reads through the Web Request when a middleware before it touched the body stream', async () => {
    const endpoint = fakeEndpoint()
    const { url } = await served(endpoint, async (c, next) => {
      expect(c.req.raw.body).not.toBeNull() // builds node-server's ReadableStream over the Node request
      await next()
    })
    expect((await post(url, headers, body)).status).toBe(202)
    expect(decoded(endpoint.received[0]?.body)).toBe(body)
  })

  it('uses the bytes a middleware before it read with c.req.arrayBuffer()', async () => {
    const endpoint = fakeEndpoint()
    const { url } = await served(endpoint, async (c, next) => {
      await c.req.arrayBuffer()
      await next()
    })
    expect((await post(url, headers, body)).status).toBe(202)
    expect(decoded(endpoint.received[0]?.body)).toBe(body)
  })

  it('refuses a body a middleware before it read as text', async () => {
    const endpoint = fakeEndpoint()
    const { url } = await served(endpoint, async (c, next) => {
      await c.req.text()
      await next()
    })
    const res = await post(url, headers, body)
    expect(res.status).toBe(500)
    expect(JSON.parse(res.body).code).toBe('raw_body_unavailable')
    expect(endpoint.received).toHaveLength(0)
  })

  it('with passThrough, the chained handler reads the body it consumed from c.req.json()', async () => {
    const endpoint = fakeEndpoint()
    const { url } = await served(endpoint, undefined, true)
    const res = await post(url, headers, body)
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body)).toEqual({ chained: JSON.parse(body) })
  })

  it.each([
    ['from the Node request', false],
    ['through the Web Request', true],
  ])('drops a sender that hangs up mid-body (%s) without logging an error', async (_path, touch) => {
    const logged = vi.spyOn(console, 'error')
    let finished!: () => void
    const done = new Promise<void>((resolve) => {
      finished = resolve
    })
    const endpoint = fakeEndpoint()
    const { url } = await served(endpoint, async (c, next) => {
      if (touch) expect(c.req.raw.body).not.toBeNull()
      await next()
      finished()
    })
    const req = httpRequest(url, { method: 'POST', agent: false, headers: { 'content-length': '50' } })
    req.on('error', () => {})
    req.write('{"partial":', () => setTimeout(() => req.destroy(), 20))
    await done
    expect(logged).not.toHaveBeenCalled()
    expect(endpoint.received).toHaveLength(0)
    logged.mockRestore()
  })

  it('does not ask for an execution context, whose getter throws on every request there', async () => {
    const getter = vi.spyOn(Context.prototype, 'executionCtx', 'get')
    const endpoint = fakeEndpoint()
    const { url } = await served(endpoint)
    expect((await post(url, headers, body)).status).toBe(202)
    expect(endpoint.received[0]?.options).toEqual({ waitUntil: undefined })
    expect(getter).not.toHaveBeenCalled()
    getter.mockRestore()
  })
})
