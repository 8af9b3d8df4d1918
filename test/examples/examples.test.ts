// CI starts every example app the way a user would (`pnpm start`), sends it a signed Stripe delivery and
// checks the 202 and that the handler ran (the example logs a line), then stops its process group.
import { stripe } from '@hookgate/core'
import { afterEach, describe, expect, it } from 'vitest'
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
})
