// CI starts the Web-runtime examples the way a user would (`pnpm start`: Bun, Deno, and workerd through
// Miniflare), sends each a signed Stripe delivery and checks the 202 and that the handler ran (the example
// logs a line), then stops its process group. A runtime that is not installed fails the run, never skips.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { stripe } from '@hookgate/core'
import { afterEach, describe, expect, it } from 'vitest'
import { type RunningExample, startExample } from '../support/start-example.js'

const secret = 'whsec_examples_runtimes_test'
const bin = (name: string) => fileURLToPath(new URL(`../../node_modules/.bin/${name}`, import.meta.url))

const examples = [
  { name: 'bun', runtime: bin('bun') },
  { name: 'deno', runtime: bin('deno') },
  { name: 'workers', runtime: fileURLToPath(new URL('../../node_modules/miniflare', import.meta.url)) },
] as const

describe.each(examples)('examples/$name', ({ name, runtime }) => {
  let running: RunningExample | undefined
  afterEach(async () => {
    await running?.stop()
    running = undefined
  })

  it('starts, answers a signed delivery with 202 and runs the handler', async () => {
    expect(existsSync(runtime), `${runtime} is missing: pnpm install brings it (a root devDependency)`).toBe(
      true,
    )
    running = await startExample(
      name,
      { STRIPE_WEBHOOK_SECRET: secret, DENO_NO_UPDATE_CHECK: '1' },
      // Miniflare bundles the worker and boots workerd first: slower to start on a busy machine.
      { viaPnpm: true, readyTimeoutMs: 30_000 },
    )
    const id = `evt_example_${name}_${Date.now()}`
    const body = JSON.stringify({ id, type: 'invoice.paid', data: { object: {} } })
    const signed = await stripe({ secret }).sign({ body })
    const res = await fetch(`${running.url}/webhooks/stripe`, {
      method: 'POST',
      headers: signed.headers,
      body,
    })
    expect([res.status, (await res.json()).code]).toEqual([202, 'accepted'])
    await running.waitFor(new RegExp(`handled invoice\\.paid ${id}\\b`))

    const forged = await stripe({ secret: 'whsec_forged' }).sign({ body })
    const refused = await fetch(`${running.url}/webhooks/stripe`, {
      method: 'POST',
      headers: forged.headers,
      body,
    })
    expect([refused.status, (await refused.json()).code]).toEqual([401, 'invalid_signature'])
  }, 60_000)
})
