import http from 'node:http'
import { hookgate } from '@hookgate/node'
import { receiver } from '../receiver.js'

const stripeWebhook = hookgate(receiver)

export const server = http.createServer((req, res) => {
  if (req.url?.split('?')[0] !== '/webhooks/stripe') return void res.writeHead(404).end()
  // The handler rejects only when reading the request itself failed: nothing is left to answer then.
  stripeWebhook(req, res).catch((error: unknown) => {
    console.error(error)
    res.destroy()
  })
})
