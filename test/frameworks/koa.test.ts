// docs/frameworks/koa.md: its app on real Koa 3 and @koa/bodyparser, over a loopback socket.
import http from 'node:http'
import { hookgate } from '@hookgate/node'
import { bodyParser } from '@koa/bodyparser'
import Koa from 'koa'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { answer, delivery, expectVerifies, loadPage } from './support/deliveries.js'
import { listen } from './support/listen.js'

const {
  page: { app },
  log,
  receiver,
} = await loadPage(() => import('./koa/app.js'))

async function serving(koa: Koa) {
  return listen(http.createServer(koa.callback()))
}

describe('the page’s app: the webhook middleware before bodyParser()', () => {
  let server: Awaited<ReturnType<typeof serving>>
  beforeAll(async () => {
    server = await serving(app)
  })
  afterAll(() => server.close())

  it('answers a signed delivery 202 and runs the handler; a forged one 401', async () => {
    await expectVerifies(fetch, `${server.url}/webhooks/stripe`, log)
  })

  it('verifies a body that is not valid UTF-8 on its bytes, and still parses JSON for the app’s routes', async () => {
    const latin1 = await delivery(`${server.url}/webhooks/stripe`, { invalidUtf8: true })
    expect(await answer(await fetch(latin1.request))).toEqual({ status: 202, code: 'accepted' })
    const echo = await fetch(`${server.url}/api/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    })
    expect(await echo.json()).toEqual({ a: 1 })
  })
})

describe('pitfalls', () => {
  it('after bodyParser() the stream is consumed: 500 raw_body_unavailable, never a 401', async () => {
    const parsedFirst = new Koa()
    const stripeWebhook = hookgate(receiver)
    parsedFirst.use(bodyParser())
    parsedFirst.use(async (ctx) => {
      ctx.respond = false
      await stripeWebhook(ctx.req, ctx.res)
    })
    const server = await serving(parsedFirst)
    try {
      const sent = await delivery(`${server.url}/webhooks/stripe`)
      expect(await answer(await fetch(sent.request))).toEqual({ status: 500, code: 'raw_body_unavailable' })
    } finally {
      await server.close()
    }
  })

  it('ctx.request.rawBody is a decoded string: a byte that is not UTF-8 comes back changed, and the signature fails', async () => {
    const fromRawBody = new Koa()
    const stripeWebhook = hookgate(receiver)
    fromRawBody.use(bodyParser())
    fromRawBody.use(async (ctx) => {
      // What a user might try: re-encode @koa/bodyparser's string and hand it over as the raw body.
      Object.assign(ctx.req, { rawBody: Buffer.from(ctx.request.rawBody ?? '') })
      ctx.respond = false
      await stripeWebhook(ctx.req, ctx.res)
    })
    const server = await serving(fromRawBody)
    try {
      const utf8 = await delivery(`${server.url}/webhooks/stripe`)
      expect((await fetch(utf8.request)).status).toBe(202)
      const latin1 = await delivery(`${server.url}/webhooks/stripe`, { invalidUtf8: true })
      expect(await answer(await fetch(latin1.request))).toEqual({ status: 401, code: 'invalid_signature' })
    } finally {
      await server.close()
    }
  })
})
