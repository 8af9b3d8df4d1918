// Run by Bun for test/frameworks/elysia.test.ts: the page's app, plus the mistake the page warns about, on
// an ephemeral loopback port.
import { hookgate } from '@hookgate/fetch'
import { receiver } from '../receiver.js'
import { app } from './app.js'

const stripeWebhook = hookgate(receiver)

app
  // The mistake: the handler reads `body`, so Elysia parses it before the handler runs.
  .post('/webhooks/stripe-parsed', ({ request, body }) => {
    console.log(`parsed ${typeof body}`)
    return stripeWebhook(request)
  })
  // The same handler with parse: 'none': `body` is left undefined and the bytes to hookgate.
  .post(
    '/webhooks/stripe-unparsed',
    ({ request, body }) => {
      console.log(`unparsed ${typeof body}`)
      return stripeWebhook(request)
    },
    { parse: 'none' },
  )
  .listen({ hostname: '127.0.0.1', port: 0 })

console.log(`listening on http://127.0.0.1:${app.server?.port}`)
