import { hookgate } from '@hookgate/fetch'
import { Elysia } from 'elysia'
import { receiver } from '../receiver.js'

const stripeWebhook = hookgate(receiver)

export const app = new Elysia()
  // parse: 'none' keeps Elysia's body parser off the route: hookgate reads the exact bytes itself.
  .all('/webhooks/stripe', ({ request }) => stripeWebhook(request), { parse: 'none' })
  // The app's own routes get parsed bodies.
  .post('/api/echo', ({ body }) => body)
