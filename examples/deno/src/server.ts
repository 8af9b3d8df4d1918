import { createReceiver, stripe } from '@hookgate/core'
import { hookgate } from '@hookgate/fetch'

const secret = Deno.env.get('STRIPE_WEBHOOK_SECRET')
if (!secret) throw new Error('Set STRIPE_WEBHOOK_SECRET (the whsec_... secret of your Stripe endpoint)')

const receiver = createReceiver({ provider: stripe({ secret }) })

receiver.on('invoice.paid', async (event) => {
  console.log(`handled ${event.type} ${event.id}`)
})

const webhook = hookgate(receiver)
const server = Deno.serve(
  {
    hostname: Deno.env.get('HOST') ?? '127.0.0.1',
    port: Number(Deno.env.get('PORT') ?? 3000),
    onListen: ({ hostname, port }) => console.log(`listening on http://${hostname}:${port}`),
  },
  // The handler takes the Request as Deno gives it, body unread, for every method (another than POST gets 405).
  (request) =>
    new URL(request.url).pathname === '/webhooks/stripe'
      ? webhook(request)
      : new Response('Not found', { status: 404 }),
)

// Stop taking deliveries, then let accepted ones finish their handlers.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  Deno.addSignalListener(signal, () => {
    void server.shutdown()
    void receiver.close()
  })
}
