import { hookgate } from '@hookgate/fetch'
import { receiver } from '../../../receiver.js'

const stripeWebhook = hookgate(receiver)

// A resource route (no default export): the action's Response goes back to the sender as it is.
export const action = ({ request }: { request: Request }) => stripeWebhook(request)
