import { createReceiver, type Receiver, stripe } from '@hookgate/core'

function createStripeReceiver(): Receiver {
  const secret = process.env.STRIPE_WEBHOOK_SECRET
  if (!secret) throw new Error('Set STRIPE_WEBHOOK_SECRET (the whsec_... secret of your Stripe endpoint)')
  // Stripe's events are a few kB: anything far larger is refused (413) before it is hashed. Raise it if
  // your events carry large objects.
  const receiver = createReceiver({ provider: stripe({ secret, maxBodyBytes: 64 * 1024 }) })
  receiver.on('invoice.paid', async (event) => {
    console.log(`handled ${event.type} ${event.id}`)
  })
  return receiver
}

// Next bundles the App Router and the Pages Router apart, each with its own copy of this module (and the
// dev server reloads modules): a module-level receiver would be created more than once, with a memory
// store each, and a duplicate sent to the other route would pass. globalThis is one per server process.
const processWide = globalThis as typeof globalThis & { stripeReceiver?: Receiver }

/**
 * The one Stripe receiver of this server process, created on the first delivery: `next build` loads the
 * route modules to collect their config, without the secrets the server gets at run time.
 */
export function stripeReceiver(): Receiver {
  processWide.stripeReceiver ??= createStripeReceiver()
  return processWide.stripeReceiver
}
