import type { IncomingMessage, ServerResponse } from 'node:http'
import { hookgate } from '@hookgate/node'
import { stripeReceiver } from '../../../lib/receiver'

// The Pages Router parses JSON bodies by default, and a parsed body has lost the bytes Stripe signed:
// turned off, the route gets the request stream unread and hookgate reads it.
export const config = { api: { bodyParser: false } }

let handler: ReturnType<typeof hookgate> | undefined
export default function stripeWebhook(req: IncomingMessage, res: ServerResponse): Promise<void> {
  handler ??= hookgate(stripeReceiver())
  return handler(req, res)
}
