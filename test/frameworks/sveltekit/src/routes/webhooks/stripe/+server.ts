import { hookgate } from '@hookgate/fetch'
import { receiver } from '../../../../../receiver.js'

const stripeWebhook = hookgate(receiver)

// SvelteKit calls the route with a RequestEvent whose request has its body unread. `fallback` takes the
// other methods, so they reach the receiver too (405 with Allow: POST).
export const POST = ({ request }: { request: Request }) => stripeWebhook(request)
export const fallback = POST
