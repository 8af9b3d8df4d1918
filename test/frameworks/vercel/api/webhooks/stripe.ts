import { hookgate } from '@hookgate/fetch'
import { waitUntil } from '@vercel/functions'
import { receiver } from '../../../receiver.js'

// Vercel may suspend the function once the response is sent: waitUntil keeps the handler's first attempt
// (which runs after the 202) alive until it settles.
export default { fetch: hookgate(receiver, { waitUntil }) }
