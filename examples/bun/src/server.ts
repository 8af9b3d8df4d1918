import { createReceiver, stripe } from '@hookgate/core'
import { hookgate } from '@hookgate/fetch'

const secret = process.env.STRIPE_WEBHOOK_SECRET
if (!secret) throw new Error('Set STRIPE_WEBHOOK_SECRET (the whsec_... secret of your Stripe endpoint)')

const receiver = createReceiver({ provider: stripe({ secret }) })

receiver.on('invoice.paid', async (event) => {
  console.log(`handled ${event.type} ${event.id}`)
})

const server = Bun.serve({
  hostname: process.env.HOST ?? '127.0.0.1',
  port: Number(process.env.PORT ?? 3000),
  // The handler takes the Request as Bun gives it, body unread, for every method (another than POST gets 405).
  routes: { '/webhooks/stripe': hookgate(receiver) },
  fetch: () => new Response('Not found', { status: 404 }),
})
console.log(`listening on http://${server.hostname}:${server.port}`)

// Stop taking deliveries, then let accepted ones finish their handlers.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.stop()
    void receiver.close()
  })
}
