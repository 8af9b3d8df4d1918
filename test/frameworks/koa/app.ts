import { hookgate } from '@hookgate/node'
import { bodyParser } from '@koa/bodyparser'
import Koa from 'koa'
import { receiver } from '../receiver.js'

const stripeWebhook = hookgate(receiver)

export const app = new Koa()
// First, before any body parser: hookgate reads the exact bytes from the Node request itself, and answers
// through the Node response (ctx.respond = false: Koa writes nothing after it).
app.use(async (ctx, next) => {
  if (ctx.path !== '/webhooks/stripe') return next()
  ctx.respond = false
  await stripeWebhook(ctx.req, ctx.res)
})
// The app's own routes get parsed bodies.
app.use(bodyParser())
app.use((ctx) => {
  if (ctx.path === '/api/echo') ctx.body = ctx.request.body
})
