// The receiver every framework page mounts: one Stripe endpoint, one handler. The framework files import it
// as an app imports its own module (in a SvelteKit app, from `$lib/server/receiver`).
import { createReceiver, stripe } from '@hookgate/core'

const secret = process.env.STRIPE_WEBHOOK_SECRET
if (!secret) throw new Error('Set STRIPE_WEBHOOK_SECRET (the whsec_... secret of your Stripe endpoint)')

export const receiver = createReceiver({ provider: stripe({ secret }) })

receiver.on('invoice.paid', async (event) => {
  console.log(`handled ${event.type} ${event.id}`)
})
