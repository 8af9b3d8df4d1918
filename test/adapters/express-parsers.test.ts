// The Express setups docs/express.md recommends, through the real Express app: a sender never gets HTML or
// a stack trace from a hookgate route, whatever body it sends, and with the webhook route ahead of the
// app's body parser nothing is parsed before the signature matched.
import { createReceiver, stripe } from '@hookgate/core'
import { hookgate } from '@hookgate/express'
import express from 'express'
import request from 'supertest'
import { describe, expect, it } from 'vitest'

const secret = 'whsec_express_parsers'
const silent = { info() {}, warn() {}, error() {} }
const receiver = createReceiver({ provider: stripe({ secret }), logger: silent })
receiver.on('invoice.paid', async () => {})

let sequence = 0
/** A Stripe event of about `kib` KiB, over express.json()'s default 100 kB limit at 200. */
const event = (kib: number) =>
  JSON.stringify({ id: `evt_${++sequence}`, type: 'invoice.paid', pad: 'x'.repeat(kib * 1024) })

/** Bodies a forger or a broken sender sends (signed with another secret): JSON refusals, never HTML. */
const badBodies = {
  'too large': { type: 'application/json', body: event(1100) },
  'malformed JSON': { type: 'application/json', body: '{"id": "evt_1", ' },
  'an unsupported charset': { type: 'application/json; charset=latin1', body: event(1) },
} as const

type Bad = keyof typeof badBodies

/** POSTs `body`, signed with the receiver's secret or, by default, forged with another one. */
async function post(app: express.Express, path: string, type: string, body: string, signed = false) {
  const { headers } = await stripe({ secret: signed ? secret : 'whsec_forged' }).sign({ body })
  return request(app).post(path).set(headers).set('content-type', type).send(body)
}

function expectJsonRefusal(res: request.Response, status: number, code: string) {
  expect(res.status).toBe(status)
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
  expect(JSON.parse(res.text)).toMatchObject({ ok: false, code })
  expect(res.text).not.toMatch(/<html|<pre|\s at /i)
}

describe('express: the webhook route before any body parser (recommended)', () => {
  const app = express()
  // First, before any body parser: hookgate reads the exact bytes itself.
  app.all('/webhooks/stripe', hookgate(receiver))
  app.use(express.json())
  app.post('/api/echo', (req, res) => {
    res.json(req.body)
  })

  it('accepts a signed event over the parser limit the app keeps for its own routes', async () => {
    expect((await post(app, '/webhooks/stripe', 'application/json', event(200), true)).status).toBe(202)
    const echo = await post(app, '/api/echo', 'application/json', '{"a":1}')
    expect(echo.body).toEqual({ a: 1 })
  })

  it.each<[Bad, number, string]>([
    ['too large', 413, 'payload_too_large'],
    ['malformed JSON', 401, 'invalid_signature'],
    ['an unsupported charset', 401, 'invalid_signature'],
  ])(
    'answers %s with its own JSON refusal (%i): the signature first, nothing parsed',
    async (bad, status, code) => {
      const { type, body } = badBodies[bad]
      expectJsonRefusal(await post(app, '/webhooks/stripe', type, body), status, code)
    },
  )

  it('answers another method 405 method_not_allowed with Allow: POST', async () => {
    const res = await request(app).get('/webhooks/stripe')
    expectJsonRefusal(res, 405, 'method_not_allowed')
    expect(res.headers.allow).toBe('POST')
  })
})

describe('express: behind a global body parser that must stay', () => {
  function appWith(errors: 'with hookgate.errorHandler()' | 'without') {
    const app = express()
    app.use(express.json({ verify: hookgate.rawBody(), limit: receiver.maxBodyBytes }))
    app.all('/webhooks/stripe', hookgate(receiver))
    if (errors === 'without') return app
    app.use('/webhooks', hookgate.errorHandler())
    app.post('/api/echo', (req, res) => {
      res.json(req.body)
    })
    return app
  }

  it('accepts a signed event up to the limit given to the parser', async () => {
    const app = appWith('with hookgate.errorHandler()')
    expect((await post(app, '/webhooks/stripe', 'application/json', event(200), true)).status).toBe(202)
  })

  it.each<[Bad, number, string]>([
    ['too large', 413, 'payload_too_large'],
    ['malformed JSON', 400, 'malformed_payload'],
    ['an unsupported charset', 415, 'unsupported_encoding'],
  ])('answers the parser refusing %s in hookgate’s JSON shape (%i)', async (bad, status, code) => {
    const { type, body } = badBodies[bad]
    const res = await post(appWith('with hookgate.errorHandler()'), '/webhooks/stripe', type, body)
    expectJsonRefusal(res, status, code)
    expect(JSON.parse(res.text).message).toContain('Mount the webhook route before')
  })

  it('without it, the parser’s refusal is Express’s HTML error page', async () => {
    const { type, body } = badBodies['malformed JSON']
    const res = await post(appWith('without'), '/webhooks/stripe', type, body)
    expect(res.status).toBe(400)
    expect(res.headers['content-type']).toMatch(/^text\/html/)
  })

  it('leaves the rest of the app to its own error handling when mounted on the webhook path', async () => {
    const { type, body } = badBodies['malformed JSON']
    const res = await post(appWith('with hookgate.errorHandler()'), '/api/echo', type, body)
    expect(res.status).toBe(400)
    expect(res.headers['content-type']).toMatch(/^text\/html/)
  })
})
