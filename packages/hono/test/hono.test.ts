import type { Outcome } from '@hookgate/core'
import { type HookgateEnv, hookgate, sendOutcome } from '@hookgate/hono'
import { Hono } from 'hono'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { fakeEndpoint } from '../../../test/adapters/fake-endpoint.js'

const rejected: Outcome = {
  status: 401,
  code: 'invalid_signature',
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: '{"code":"invalid_signature"}',
}

describe('@hookgate/hono', () => {
  it("keeps after-ack work alive with the runtime's executionCtx.waitUntil", async () => {
    const endpoint = fakeEndpoint()
    const app = new Hono()
    app.post('/hook', hookgate(endpoint))
    const kept: Promise<unknown>[] = []
    const executionCtx = {
      waitUntil: (work: Promise<unknown>) => kept.push(work),
      passThroughOnException() {},
      props: {},
    }
    await app.request('/hook', { method: 'POST', body: '{}' }, {}, executionCtx)
    const work = Promise.resolve('after-ack')
    endpoint.received[0]?.options?.waitUntil?.(work)
    expect(kept).toEqual([work])
  })

  it('passes no waitUntil where there is no execution context (Node)', async () => {
    const endpoint = fakeEndpoint()
    const app = new Hono()
    app.post('/hook', hookgate(endpoint))
    await app.request('/hook', { method: 'POST', body: '{}' })
    expect(endpoint.received[0]?.options).toEqual({ waitUntil: undefined })
  })

  it('leaves Error.stackTraceLimit as it was after looking for an execution context', async () => {
    const before = Error.stackTraceLimit
    const endpoint = fakeEndpoint()
    const app = new Hono()
    app.post('/hook', hookgate(endpoint))
    await app.request('/hook', { method: 'POST', body: '{}' })
    expect(endpoint.received).toHaveLength(1)
    expect(Error.stackTraceLimit).toBe(before)
  })

  it('with passThrough, hands a 2xx outcome to the chained handler as a typed c.var.webhook', async () => {
    const app = new Hono()
    app.post('/hook', hookgate(fakeEndpoint(), { passThrough: true }), async (c) => {
      const outcome = c.get('webhook')
      expectTypeOf(outcome).toEqualTypeOf<Outcome>()
      // The body was spent by the middleware; the handler still reads it from Hono's cache.
      const payload = await c.req.json()
      c.header('x-chained', outcome.code)
      return c.json({ chained: payload })
    })
    const res = await app.request('/hook', { method: 'POST', body: '{"a":1}' })
    expect(res.status).toBe(200)
    expect(res.headers.get('x-chained')).toBe('accepted')
    expect(await res.json()).toEqual({ chained: { a: 1 } })
  })

  it('with passThrough, answers refusals itself: the chained handler never sees invalid input', async () => {
    let reached = false
    const app = new Hono()
    app.post('/hook', hookgate(fakeEndpoint(rejected), { passThrough: true }), (c) => {
      reached = true
      return c.text('should not run')
    })
    const res = await app.request('/hook', { method: 'POST', body: '{}' })
    expect(res.status).toBe(401)
    expect(await res.text()).toBe(rejected.body)
    expect(reached).toBe(false)
  })

  it('sendOutcome lets a chained handler answer with the outcome, headers set earlier kept', async () => {
    const receiver = fakeEndpoint()
    const app = new Hono<HookgateEnv>()
    app.post('/webhooks/stripe', hookgate(receiver, { passThrough: true }), (c) => {
      c.header('x-request-id', 'r1')
      return sendOutcome(c, c.var.webhook)
    })
    const res = await app.request('/webhooks/stripe', { method: 'POST', body: '{}' })
    expect(res.status).toBe(202)
    expect(res.headers.get('x-request-id')).toBe('r1')
    expect(await res.text()).toBe('{"code":"accepted"}')
  })

  it('without passThrough, answers every outcome itself', async () => {
    let reached = false
    const app = new Hono()
    app.post('/hook', hookgate(fakeEndpoint()), (c) => {
      reached = true
      return c.text('unreachable')
    })
    const res = await app.request('/hook', { method: 'POST', body: '{}' })
    expect(res.status).toBe(202)
    expect(reached).toBe(false)
  })
})
