// docs/frameworks/sveltekit.md: its +server.ts called as SvelteKit 2 calls a route (a RequestEvent with the
// request, body unread). SvelteKit itself is not started: its build needs Vite and the Svelte compiler.
import { describe, expect, it } from 'vitest'
import { answer, expectVerifies, loadPage } from './support/deliveries.js'

const { page: route, log } = await loadPage(() => import('./sveltekit/src/routes/webhooks/stripe/+server.js'))

const url = 'https://app.example.com/webhooks/stripe'

describe('src/routes/webhooks/stripe/+server.ts', () => {
  it('answers a signed delivery 202 and runs the handler; a forged one 401', async () => {
    await expectVerifies((request) => route.POST({ request }), url, log)
  })

  it('answers another method through fallback: 405 with Allow: POST', async () => {
    const response = await route.fallback({ request: new Request(url) })
    expect(response.headers.get('allow')).toBe('POST')
    expect(await answer(response)).toEqual({ status: 405, code: 'method_not_allowed' })
  })
})
