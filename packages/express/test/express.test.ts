import { hookgate } from '@hookgate/express'
import express, { type ErrorRequestHandler } from 'express'
import request from 'supertest'
import { describe, expect, it } from 'vitest'
import { acceptedOutcome, fakeEndpoint } from '../../../test/adapters/fake-endpoint.js'

describe('@hookgate/express', () => {
  it('passes an error thrown by the receiver to next(err)', async () => {
    const failing = { maxBodyBytes: 1024, receive: async () => Promise.reject(new Error('store exploded')) }
    const seen: unknown[] = []
    const onError: ErrorRequestHandler = (error, _req, res, _next) => {
      seen.push(error)
      res.status(599).end()
    }
    const app = express()
    app.post('/hook', hookgate(failing))
    app.use(onError)
    const res = await request(app).post('/hook').send('{}')
    expect(res.status).toBe(599)
    expect(seen).toEqual([new Error('store exploded')])
  })

  it('leaves an answer another middleware already sent in place', async () => {
    let release: () => void = () => {}
    const slow = fakeEndpoint()
    const receive = slow.receive
    slow.receive = async (raw, options) => {
      await new Promise<void>((resolve) => {
        release = resolve
      })
      return receive(raw, options)
    }
    const errors: unknown[] = []
    const app = express()
    // A request timeout middleware answers while the receiver is still working.
    app.use((_req, res, next) => {
      setTimeout(() => {
        res.status(503).end('timeout')
        release()
      }, 10)
      next()
    })
    app.post('/hook', hookgate(slow))
    app.use(((error, _req, _res, next) => {
      errors.push(error)
      next(error)
    }) satisfies ErrorRequestHandler)
    const res = await request(app).post('/hook').send('{}')
    expect(res.status).toBe(503)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(slow.received).toHaveLength(1)
    expect(errors).toEqual([])
  })

  it('keeps headers an earlier middleware set; the outcome sets its own status, headers and body', async () => {
    const app = express()
    app.use((_req, res, next) => {
      res.setHeader('x-request-id', 'r1')
      res.setHeader('content-type', 'text/plain')
      res.status(500)
      next()
    })
    app.post('/hook', hookgate(fakeEndpoint()))
    const res = await request(app).post('/hook').send('{}')
    expect(res.status).toBe(acceptedOutcome.status)
    expect(res.headers['x-request-id']).toBe('r1')
    expect(res.headers['content-type']).toBe(acceptedOutcome.headers['content-type'])
    expect(res.text).toBe(acceptedOutcome.body)
    expect(res.headers.etag).toBeUndefined()
  })

  it('takes the original URL when mounted under a router', async () => {
    const endpoint = fakeEndpoint()
    const router = express.Router()
    router.post('/stripe', hookgate(endpoint))
    const app = express()
    app.use('/webhooks', router)
    await request(app).post('/webhooks/stripe?x=1').set('host', 'example.com').send('{}')
    expect(endpoint.received[0]?.url).toBe('http://example.com/webhooks/stripe?x=1')
  })

  it('writes the outcome of a body refused before the receiver in the same shape as the receiver', async () => {
    const app = express()
    app.post('/hook', hookgate(fakeEndpoint(acceptedOutcome, 4)))
    const res = await request(app).post('/hook').set('content-type', 'application/json').send('{"a":1}')
    expect(res.status).toBe(413)
    expect(res.body).toMatchObject({
      code: 'payload_too_large',
      message: expect.stringContaining('maxBodyBytes: 4'),
    })
  })

  it('checks bodyTimeout when the middleware is created', () => {
    expect(() => hookgate(fakeEndpoint(), { bodyTimeout: 'soon' as never })).toThrow(/bodyTimeout/)
  })
})
