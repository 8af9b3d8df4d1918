import { createReceiver, stripe } from '@hookgate/core'
import { type FetchHandler, hookgate } from '@hookgate/fetch'

/** The Worker's bindings: `wrangler secret put STRIPE_WEBHOOK_SECRET` in production. */
interface Env {
  STRIPE_WEBHOOK_SECRET?: string
}

/** The part of Workers' `ExecutionContext` that hookgate uses (`@cloudflare/workers-types` has it all). */
interface ExecutionContext {
  waitUntil(work: Promise<unknown>): void
}

function stripeWebhook(env: Env): FetchHandler {
  const secret = env.STRIPE_WEBHOOK_SECRET
  if (!secret)
    throw new Error('Set the STRIPE_WEBHOOK_SECRET secret (the whsec_... secret of your Stripe endpoint)')
  const receiver = createReceiver({ provider: stripe({ secret }) })
  receiver.on('invoice.paid', async (event) => {
    console.log(`handled ${event.type} ${event.id}`)
  })
  return hookgate(receiver)
}

// The secret is a binding, on each request's env: the receiver is made from the first request's, then
// kept for every later request this isolate serves (or made at module load, with the secret from
// `import { env } from 'cloudflare:workers'`). Its memory store is the
// isolate's own, so duplicates are caught within one isolate; a store shared by all of them would need
// Durable Objects or KV behind the IdempotencyStore interface.
let webhook: FetchHandler | undefined

export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> | Response {
    if (new URL(request.url).pathname !== '/webhooks/stripe')
      return new Response('Not found', { status: 404 })
    webhook ??= stripeWebhook(env)
    // ctx as the third argument, as Workers pass it: the receiver answers 202 at once and hands the
    // handler's first attempt to ctx.waitUntil, which keeps the isolate alive until the handler is done
    // (without it, work left running after the response may be cancelled).
    return webhook(request, env, ctx)
  },
}
