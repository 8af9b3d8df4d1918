// The README's quick start, as written, answering one signed delivery: the Next.js route export and the
// Workers/Bun/Deno default export are the same handler.
import { createReceiver, stripe } from '@hookgate/core'
import { hookgate } from '@hookgate/fetch'
import { afterAll, expect, it, vi } from 'vitest'
import { asRequest, invoice, requestOf, stripeSecret } from './delivery-table.js'

const env = { STRIPE_WEBHOOK_SECRET: stripeSecret }
const markPaid = vi.fn(async (_payload: unknown) => {})

const receiver = createReceiver({ provider: stripe({ secret: env.STRIPE_WEBHOOK_SECRET }) })

receiver.on('invoice.paid', async (event) => {
  await markPaid(event.payload)
})

// Next.js App Router (app/api/webhooks/stripe/route.ts), Vercel Functions, SvelteKit, Remix:
export const POST = hookgate(receiver)
// Cloudflare Workers (ctx.waitUntil is found on its own), Bun.serve, Deno.serve:
export default { fetch: POST }

afterAll(() => receiver.close())

it('answers a signed delivery 202, then runs the handler', async () => {
  const signed = await stripe({ secret: stripeSecret }).sign({ body: invoice('evt_quick') })
  const res = await POST(requestOf(asRequest(signed), 'https://example.com/webhooks/stripe'))
  expect(res.status).toBe(202)
  await vi.waitFor(() => expect(markPaid).toHaveBeenCalledWith(JSON.parse(invoice('evt_quick'))))
})
