import type { WebhookEndpoint } from '@hookgate/core'
import type { AdapterOptions } from '@hookgate/core/adapter'
import { createNodeHandler } from '@hookgate/node'
import type { Request, RequestHandler } from 'express'
import { capturedBody } from './raw-body.js'

/** Options of the Express adapter; `publicUrl` as a function receives the Express request. */
export type ExpressAdapterOptions = AdapterOptions<Request>

const consumedMessage =
  'The request body was already read by a body parser that ran before hookgate (such as a global ' +
  'express.json()), so its exact bytes are gone and no signature can be checked. Mount the webhook route ' +
  'before that parser, or let the parser keep the bytes: app.use(express.json({ verify: hookgate.rawBody() })).'

/**
 * Express middleware that receives webhooks for one receiver: the Node handler, taking the bytes
 * `hookgate.rawBody()` kept when a parser ran first. Mount it on a route of its own, for every method (the
 * receiver answers the others 405) and before any body parser: `app.all('/webhooks/stripe', hookgate(receiver))`.
 * Express 5 passes a rejected promise to next(err), so its errors go to the app's error middleware.
 */
export function createHandler(
  endpoint: WebhookEndpoint,
  options: ExpressAdapterOptions = {},
): RequestHandler {
  // req.ip: the client address as the app's `trust proxy` setting resolves it.
  return createNodeHandler<Request>(endpoint, options, {
    captured: capturedBody,
    consumedMessage,
    clientAddress: (req) => req.ip,
  })
}
