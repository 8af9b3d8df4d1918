import { createReceiver, stripe } from '@hookgate/core'
import { hookgate } from '@hookgate/express'
import express from 'express'

const secret = process.env.STRIPE_WEBHOOK_SECRET
if (!secret) throw new Error('Set STRIPE_WEBHOOK_SECRET (the whsec_... secret of your Stripe endpoint)')

const receiver = createReceiver({ provider: stripe({ secret }) })

receiver.on('invoice.paid', async (event) => {
  console.log(`handled ${event.type} ${event.id}`)
})

const app = express()
// First, before any body parser: hookgate reads the exact bytes itself, so nothing is parsed before the
// signature matched. Every method reaches it: another than POST gets 405.
app.all('/webhooks/stripe', hookgate(receiver))
// The app parses JSON for its own routes, under the parser's own limit.
app.use(express.json())
app.post('/api/echo', (req, res) => {
  res.json(req.body)
})

const server = app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1', () => {
  const address = server.address()
  if (typeof address === 'object' && address)
    console.log(`listening on http://${address.address}:${address.port}`)
})

// Stop taking deliveries, then let accepted ones finish their handlers.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close()
    void receiver.close()
  })
}
