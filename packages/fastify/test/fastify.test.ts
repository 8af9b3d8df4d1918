import type { Outcome } from '@hookgate/core'
import hookgate, { FST_HOOKGATE_INVALID_OPTION } from '@hookgate/fastify'
import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import { fakeEndpoint } from '../../../test/adapters/fake-endpoint.js'

describe('@hookgate/fastify', () => {
  it('follows fastify-plugin conventions: named, for Fastify 5', () => {
    expect(hookgate[Symbol.for('plugin-meta') as keyof typeof hookgate]).toMatchObject({
      name: '@hookgate/fastify',
      fastify: '5.x',
    })
  })

  it('is registered once per route: two providers side by side', async () => {
    const stripe = fakeEndpoint()
    const github = fakeEndpoint()
    const app = Fastify()
    await app.register(hookgate, { path: '/webhooks/stripe', receiver: stripe })
    await app.register(hookgate, { path: '/webhooks/github', receiver: github })
    await app.inject({ method: 'POST', url: '/webhooks/stripe', payload: 's' })
    await app.inject({ method: 'POST', url: '/webhooks/github', payload: 'g' })
    expect([stripe.received.length, github.received.length]).toEqual([1, 1])
  })

  it('exposes the outcome as the typed request.webhook decorator to app-wide hooks', async () => {
    const seen: (Outcome | null)[] = []
    const app = Fastify()
    app.addHook('onResponse', async (request) => {
      seen.push(request.webhook)
    })
    await app.register(hookgate, { path: '/hook', receiver: fakeEndpoint() })
    app.get('/health', async () => 'ok')
    await app.inject({ method: 'POST', url: '/hook', payload: '{}' })
    await app.inject({ method: 'GET', url: '/health' })
    expect(seen.map((outcome) => outcome?.code ?? null)).toEqual(['accepted', null])
  })

  it('refuses options it cannot work with, with an FST_HOOKGATE_ code', async () => {
    const noPath = Fastify().register(hookgate, { receiver: fakeEndpoint() } as never)
    await expect(noPath).rejects.toBeInstanceOf(FST_HOOKGATE_INVALID_OPTION)
    const noReceiver = Fastify().register(hookgate, { path: '/hook', receiver: {} } as never)
    await expect(noReceiver).rejects.toMatchObject({ code: 'FST_HOOKGATE_INVALID_OPTION' })
  })

  it('answers a receiver that throws with a generic FST_HOOKGATE_RECEIVE_FAILED 500, the cause logged only', async () => {
    const logged: unknown[] = []
    const app = Fastify()
    app.setErrorHandler((error, _request, reply) => {
      logged.push(error)
      return reply.code(500).send({ code: (error as { code?: string }).code })
    })
    const failing = { maxBodyBytes: 1024, receive: async () => Promise.reject(new Error('secret internals')) }
    await app.register(hookgate, { path: '/hook', receiver: failing })
    const res = await app.inject({ method: 'POST', url: '/hook', payload: '{}' })
    expect(res.statusCode).toBe(500)
    expect(res.json()).toEqual({ code: 'FST_HOOKGATE_RECEIVE_FAILED' })
    expect(logged[0]).toMatchObject({ cause: new Error('secret internals') })
  })

  it('answers a refused body with the connection closed, like Fastify does for its own parsers', async () => {
    const app = Fastify()
    await app.register(hookgate, { path: '/hook', receiver: fakeEndpoint(undefined, 4) })
    const res = await app.inject({ method: 'POST', url: '/hook', payload: '{"a":1}' })
    expect(res.statusCode).toBe(413)
    expect(res.headers.connection).toBe('close')
  })
})
