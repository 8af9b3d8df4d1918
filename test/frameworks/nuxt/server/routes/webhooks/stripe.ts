// Nuxt 4 / Nitro 2 run h3 v1: the event carries the Node request and response, body unread.
import { hookgate } from '@hookgate/node'
import { defineEventHandler } from 'h3'
import { receiver } from '../../../../receiver.js'

const stripeWebhook = hookgate(receiver)

export default defineEventHandler((event) => stripeWebhook(event.node.req, event.node.res))
