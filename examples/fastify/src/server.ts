import { createReceiver, stripe } from '@hookgate/core'
import hookgate from '@hookgate/fastify'
import Fastify from 'fastify'

const secret = process.env.STRIPE_WEBHOOK_SECRET
if (!secret) throw new Error('Set STRIPE_WEBHOOK_SECRET (the whsec_... secret of your Stripe endpoint)')

const receiver = createReceiver({ provider: stripe({ secret }) })

receiver.on('invoice.paid', async (event) => {
  console.log(`handled ${event.type} ${event.id}`)
})

const app = Fastify()
// The plugin reads its route's body as raw bytes in a scope of its own; the app's JSON parser still
// parses every other route.
await app.register(hookgate, { path: '/webhooks/stripe', receiver })
app.post('/api/echo', async (request) => request.body)

const url = await app.listen({
  port: Number(process.env.PORT ?? 3000),
  host: process.env.HOST ?? '127.0.0.1',
})
console.log(`listening on ${url}`)

// Stop taking deliveries, then let accepted ones finish their handlers.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => receiver.close())
  })
}
