// docs/frameworks/elysia.md: its app on real Elysia, run by Bun (node_modules/.bin/bun), over a loopback socket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { answer, delivery, expectVerifies, secret } from './support/deliveries.js'
import { type Served, serve } from './support/spawn.js'

let bun: Served
beforeAll(async () => {
  bun = await serve('bun', ['test/frameworks/elysia/serve.ts'], { STRIPE_WEBHOOK_SECRET: secret })
})
afterAll(() => bun?.stop())

describe('the page’s app: parse: "none" on the webhook route', () => {
  it('answers a signed delivery 202 and runs the handler; a forged one 401', async () => {
    await expectVerifies(fetch, `${bun.url}/webhooks/stripe`, bun)
  })

  it('verifies a body that is not valid UTF-8 on its bytes, and still parses JSON for the app’s routes', async () => {
    const latin1 = await delivery(`${bun.url}/webhooks/stripe`, { invalidUtf8: true })
    expect(await answer(await fetch(latin1.request))).toEqual({ status: 202, code: 'accepted' })
    const echo = await fetch(`${bun.url}/api/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    })
    expect(await echo.json()).toEqual({ a: 1 })
  })
})

describe('pitfall', () => {
  it('a handler that reads `body` has Elysia parse it first: 500 raw_body_unavailable, never a 401', async () => {
    const sent = await delivery(`${bun.url}/webhooks/stripe-parsed`)
    expect(await answer(await fetch(sent.request))).toEqual({ status: 500, code: 'raw_body_unavailable' })
    expect(bun.lines()).toContain('parsed object')
  })

  it('parse: "none" keeps even that handler working: `body` stays undefined, the bytes go to hookgate', async () => {
    const sent = await delivery(`${bun.url}/webhooks/stripe-unparsed`)
    expect(await answer(await fetch(sent.request))).toEqual({ status: 202, code: 'accepted' })
    expect(bun.lines()).toContain('unparsed undefined')
  })
})
