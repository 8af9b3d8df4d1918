import { serve } from '@hono/node-server'
import { createReceiver, stripe } from '@hookgate/core'
import { hookgate } from '@hookgate/hono'
import { Hono } from 'hono'

const secret = process.env.STRIPE_WEBHOOK_SECRET
if (!secret) throw new Error('Set STRIPE_WEBHOOK_SECRET (the whsec_... secret of your Stripe endpoint)')

const receiver = createReceiver({ provider: stripe({ secret }) })

receiver.on('invoice.paid', async (event) => {
  console.log(`handled ${event.type} ${event.id}`)
})

const app = new Hono()
// Before any middleware that reads the body; every method reaches it (another than POST gets 405).
app.all('/webhooks/stripe', hookgate(receiver))
app.post('/api/echo', async (c) => c.json(await c.req.json()))

const server = serve(
  { fetch: app.fetch, port: Number(process.env.PORT ?? 3000), hostname: process.env.HOST ?? '127.0.0.1' },
  (info) => console.log(`listening on http://${info.address}:${info.port}`),
)

// Stop taking deliveries, then let accepted ones finish their handlers.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close()
    void receiver.close()
  })
}
