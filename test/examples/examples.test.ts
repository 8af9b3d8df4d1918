// CI starts every example app the way a user would (`pnpm start`), sends it a signed Stripe delivery and
// checks the 202 and that the handler ran (the example logs a line), then stops its process group.
import { standardWebhooks, stripe } from '@hookgate/core'
import { createRedisClient } from '@hookgate/redis'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { type RunningExample, startExample } from '../support/start-example.js'

const secret = 'whsec_examples_test'
const examples = ['express', 'hono', 'fastify'] as const

describe.each(examples)('examples/%s', (name) => {
  let running: RunningExample | undefined
  afterEach(async () => {
    await running?.stop()
    running = undefined
  })

  it('starts, answers a signed delivery with 202 and runs the handler', async () => {
    running = await startExample(name, { STRIPE_WEBHOOK_SECRET: secret }, { viaPnpm: true })
    const body = JSON.stringify({ id: `evt_example_${name}`, type: 'invoice.paid', data: { object: {} } })
    const signed = await stripe({ secret }).sign({ body })
    const res = await fetch(`${running.url}/webhooks/stripe`, {
      method: 'POST',
      headers: signed.headers,
      body,
    })
    expect(res.status).toBe(202)
    await running.waitFor(new RegExp(`handled invoice\\.paid evt_example_${name}\\b`))

    // The app's own JSON route still gets parsed bodies next to the webhook route.
    const echo = await fetch(`${running.url}/api/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    })
    expect(await echo.json()).toEqual({ a: 1 })
  }, 30_000)

  it('takes a signed 200 kB event, checks the signature before parsing, answers GET 405: all in JSON', async () => {
    running = await startExample(name, { STRIPE_WEBHOOK_SECRET: secret })
    const url = `${running.url}/webhooks/stripe`
    const big = JSON.stringify({ id: `evt_big_${name}`, type: 'invoice.paid', pad: 'x'.repeat(200_000) })
    const signed = await stripe({ secret }).sign({ body: big })
    expect((await fetch(url, { method: 'POST', headers: signed.headers, body: big })).status).toBe(202)

    const malformed = '{"id": '
    const forged = await stripe({ secret: 'whsec_forged' }).sign({ body: malformed })
    const refused = await fetch(url, { method: 'POST', headers: forged.headers, body: malformed })
    expect([refused.status, (await refused.json()).code]).toEqual([401, 'invalid_signature'])

    const get = await fetch(url)
    expect([get.status, get.headers.get('allow'), (await get.json()).code]).toEqual([
      405,
      'POST',
      'method_not_allowed',
    ])
  }, 30_000)
})

// examples/redis runs receivers and workers as separate processes on one Redis, as in production.
describe('examples/redis', () => {
  const swSecret = `whsec_${Buffer.from('examples-redis-test-key').toString('base64')}`
  const env = {
    WEBHOOK_SECRET: swSecret,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    HOOKGATE_PREFIX: `example-redis-${process.pid}`,
  }
  const running: RunningExample[] = []
  afterEach(async () => {
    await Promise.all(running.splice(0).map((app) => app.stop()))
  })
  afterAll(async () => {
    const client = await createRedisClient(env.REDIS_URL)
    const keys = await client.keys(`{${env.HOOKGATE_PREFIX}}:*`)
    if (keys.length > 0) await client.unlink(...keys)
    client.disconnect()
  })

  it('a receiver process acknowledges, a worker process handles once, a duplicate is suppressed', async () => {
    running.push(await startExample('redis', { ...env, ROLE: 'receiver' }, { viaPnpm: true }))
    running.push(await startExample('redis', { ...env, ROLE: 'worker' }, { ready: /working/ }))
    const [receiver, worker] = running as [RunningExample, RunningExample]
    const id = `msg_example_${Date.now()}`
    const body = JSON.stringify({ type: 'user.created', data: { id: 'u_1', email: 'ada@example.com' } })
    const send = async () => {
      const signed = await standardWebhooks({ secret: swSecret }).sign({ body, id })
      return fetch(`${receiver.url}/webhooks`, { method: 'POST', headers: signed.headers, body })
    }
    expect((await send()).status).toBe(202)
    expect((await send()).status).toBe(200)
    await worker.waitFor(new RegExp(`handled user\\.created ${id} for ada@example\\.com`))
    expect(receiver.output()).not.toMatch(/handled/)
    expect(worker.output().match(/handled user\.created/g)).toHaveLength(1)
  }, 30_000)
})
