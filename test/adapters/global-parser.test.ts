// Each adapter mounted after the framework's usual body parsing: without the documented fix the request is
// refused with a 500 that names the fix (never verified against re-serialized bytes); with it, the exact
// bytes reach the receiver and the app's other routes keep their parsed bodies.
import { hookgate as expressHookgate } from '@hookgate/express'
import fastifyHookgate from '@hookgate/fastify'
import { hookgate as honoHookgate } from '@hookgate/hono'
import express from 'express'
import Fastify from 'fastify'
import { Hono } from 'hono'
import { validator } from 'hono/validator'
import request from 'supertest'
import { describe, expect, it } from 'vitest'
import { PATH } from './drivers.js'
import { fakeEndpoint } from './fake-endpoint.js'

// Spacing and key order that JSON.stringify(JSON.parse(...)) would not reproduce.
const jsonBody = '{ "type" : "invoice.paid",\n  "id":"evt_1" }'
const formBody = 'To=%2B1555&Body=hi+there&From=%2B1666'
const decoded = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes)

describe('express after a global express.json()', () => {
  it('refuses with a 500 naming hookgate.rawBody() when the parser ate the body', async () => {
    const endpoint = fakeEndpoint()
    const app = express()
    app.use(express.json())
    app.post(PATH, expressHookgate(endpoint))
    const res = await request(app).post(PATH).set('content-type', 'application/json').send(jsonBody)
    expect(res.status).toBe(500)
    expect(res.body.code).toBe('raw_body_unavailable')
    expect(res.body.message).toContain('express.json({ verify: hookgate.rawBody() })')
    expect(endpoint.received).toHaveLength(0)
  })

  it('receives the exact bytes when the parser keeps them with verify: hookgate.rawBody()', async () => {
    const endpoint = fakeEndpoint()
    const app = express()
    app.use(express.json({ verify: expressHookgate.rawBody() }))
    app.use(express.urlencoded({ verify: expressHookgate.rawBody() }))
    app.post(PATH, expressHookgate(endpoint))
    app.post('/other', (req, res) => {
      res.json({ parsed: req.body })
    })

    const json = await request(app).post(PATH).set('content-type', 'application/json').send(jsonBody)
    expect(json.status).toBe(202)
    const form = await request(app)
      .post(PATH)
      .set('content-type', 'application/x-www-form-urlencoded')
      .send(formBody)
    expect(form.status).toBe(202)
    expect(endpoint.received.map((r) => decoded(r.body))).toEqual([jsonBody, formBody])

    const other = await request(app).post('/other').set('content-type', 'application/json').send(jsonBody)
    expect(other.body).toEqual({ parsed: { type: 'invoice.paid', id: 'evt_1' } })
  })

  it('reads a body the global parser skipped (a form behind express.json()) itself', async () => {
    const endpoint = fakeEndpoint()
    const app = express()
    app.use(express.json())
    app.post(PATH, expressHookgate(endpoint))
    const res = await request(app)
      .post(PATH)
      .set('content-type', 'application/x-www-form-urlencoded')
      .send(formBody)
    expect(res.status).toBe(202)
    expect(decoded(endpoint.received[0]?.body)).toBe(formBody)
  })
})

describe('hono after a global middleware that reads JSON', () => {
  function appWith(order: 'parser-first' | 'webhook-first') {
    const endpoint = fakeEndpoint()
    const app = new Hono()
    const readJson = validator('json', (value) => value)
    if (order === 'webhook-first') app.post(PATH, honoHookgate(endpoint))
    app.use('*', readJson)
    if (order === 'parser-first') app.post(PATH, honoHookgate(endpoint))
    app.post('/other', async (c) => c.json({ parsed: await c.req.json() }))
    const send = (path: string, type: string, body: string) =>
      app.request(path, { method: 'POST', headers: { 'content-type': type }, body })
    return { endpoint, send }
  }

  it('refuses with a 500 naming the fix when the body was read as JSON first', async () => {
    const { endpoint, send } = appWith('parser-first')
    const res = await send(PATH, 'application/json', jsonBody)
    expect(res.status).toBe(500)
    const body = await res.json()
    expect(body.code).toBe('raw_body_unavailable')
    expect(body.message).toContain('Register the webhook route before that middleware')
    expect(endpoint.received).toHaveLength(0)
  })

  it('receives the exact bytes when the webhook route is registered before the middleware', async () => {
    const { endpoint, send } = appWith('webhook-first')
    expect((await send(PATH, 'application/json', jsonBody)).status).toBe(202)
    expect(decoded(endpoint.received[0]?.body)).toBe(jsonBody)
    const other = await send('/other', 'application/json', jsonBody)
    expect(await other.json()).toEqual({ parsed: { type: 'invoice.paid', id: 'evt_1' } })
  })

  it('uses the bytes an earlier middleware read with c.req.arrayBuffer() (the wire bytes)', async () => {
    const endpoint = fakeEndpoint()
    const app = new Hono()
    app.use('*', async (c, next) => {
      await c.req.arrayBuffer()
      await c.req.json() // derived from the cached bytes, which stay intact
      await next()
    })
    app.post(PATH, honoHookgate(endpoint))
    const res = await app.request(PATH, { method: 'POST', body: jsonBody })
    expect(res.status).toBe(202)
    expect(decoded(endpoint.received[0]?.body)).toBe(jsonBody)
  })

  it("receives the exact bytes after Hono's form validator (it reads the body as bytes)", async () => {
    const endpoint = fakeEndpoint()
    const app = new Hono()
    app.use(
      '*',
      validator('form', (value) => value),
    )
    app.post(PATH, honoHookgate(endpoint))
    const res = await app.request(PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: formBody,
    })
    expect(res.status).toBe(202)
    expect(decoded(endpoint.received[0]?.body)).toBe(formBody)
  })
})

describe("fastify after the app's own JSON and form parsers", () => {
  async function appWithParsers() {
    const endpoint = fakeEndpoint()
    const app = Fastify()
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_req, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(body as string)))
      },
    )
    await app.register(fastifyHookgate, { path: PATH, receiver: endpoint })
    app.post('/other', async (req) => ({ parsed: req.body }))
    return { endpoint, app }
  }

  it('gets the exact bytes while the rest of the app keeps its parsers (no fix needed)', async () => {
    const { endpoint, app } = await appWithParsers()
    const json = await app.inject({
      method: 'POST',
      url: PATH,
      headers: { 'content-type': 'application/json' },
      payload: jsonBody,
    })
    const form = await app.inject({
      method: 'POST',
      url: PATH,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: formBody,
    })
    expect([json.statusCode, form.statusCode]).toEqual([202, 202])
    expect(endpoint.received.map((r) => decoded(r.body))).toEqual([jsonBody, formBody])

    const otherJson = await app.inject({
      method: 'POST',
      url: '/other',
      headers: { 'content-type': 'application/json' },
      payload: jsonBody,
    })
    expect(otherJson.json()).toEqual({ parsed: { type: 'invoice.paid', id: 'evt_1' } })
    const otherForm = await app.inject({
      method: 'POST',
      url: '/other',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: formBody,
    })
    expect(otherForm.json()).toEqual({ parsed: { To: '+1555', Body: 'hi there', From: '+1666' } })
  })

  it('refuses with a 500 when an app-wide hook replaced request.body', async () => {
    const endpoint = fakeEndpoint()
    const app = Fastify()
    app.addHook('preValidation', async (req) => {
      req.body = { replaced: true }
    })
    await app.register(fastifyHookgate, { path: PATH, receiver: endpoint })
    const res = await app.inject({
      method: 'POST',
      url: PATH,
      headers: { 'content-type': 'application/json' },
      payload: jsonBody,
    })
    expect(res.statusCode).toBe(500)
    expect(res.json()).toMatchObject({ code: 'raw_body_unavailable' })
    expect(endpoint.received).toHaveLength(0)
  })
})
