// When a middleware must read bodies first: h3 keeps the bytes it read, and toWebRequest(event) replays
// them, so the fetch handler gets the exact bytes the sender signed.
import { hookgate } from '@hookgate/fetch'
import { defineEventHandler, toWebRequest } from 'h3'
import { receiver } from '../../../../receiver.js'

const stripeWebhook = hookgate(receiver)

export default defineEventHandler((event) => stripeWebhook(toWebRequest(event)))
