import { type FetchHandler, hookgate } from '@hookgate/fetch'
import { stripeReceiver } from '../../../../lib/receiver'

// hookgate verifies with Web Crypto and would run on the edge runtime too, but Next deprecates it; the
// receiver's memory store and dispatcher live in the long-lived Node server process.
export const runtime = 'nodejs'

// Route handlers get the request with its body unread: hookgate reads the exact bytes itself. Made on the
// first delivery, when the server has its secrets (`next build` loads this module without them).
let handler: FetchHandler | undefined
export function POST(request: Request): Promise<Response> {
  handler ??= hookgate(stripeReceiver())
  return handler(request)
}
