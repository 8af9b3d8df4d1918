import type { TLSSocket } from 'node:tls'
import type { WebhookEndpoint } from '@hookgate/core'
import {
  type AdapterOptions,
  bodyTimeoutMs,
  type RequestLocation,
  resolvePublicUrl,
} from '@hookgate/core/adapter'
import type { Request, RequestHandler } from 'express'
import { readRequestBody } from './read-request-body.js'
import { writeOutcome, writeRefusal } from './write-outcome.js'

/** Options of the Express adapter; `publicUrl` as a function receives the Express request. */
export type ExpressAdapterOptions = AdapterOptions<Request>

function locationOf(req: Request): RequestLocation {
  return {
    protocol: (req.socket as Partial<TLSSocket>).encrypted ? 'https' : 'http',
    host: req.headers.host,
    // originalUrl: the path as sent, before any router mount point was stripped from req.url.
    path: req.originalUrl,
    header: (name) => req.get(name),
  }
}

/**
 * Express middleware that receives webhooks for one receiver: reads the raw body itself, hands it to
 * `endpoint.receive()` and writes the outcome back. Mount it on a route of its own, for every method (the
 * receiver answers the others 405) and before any body parser: `app.all('/webhooks/stripe', hookgate(receiver))`.
 */
export function createHandler(
  endpoint: WebhookEndpoint,
  options: ExpressAdapterOptions = {},
): RequestHandler {
  const timeoutMs = bodyTimeoutMs(options)
  // Express 5 passes a rejected promise to next(err), so errors need no try/catch here.
  return async function hookgate(req, res) {
    let read: Awaited<ReturnType<typeof readRequestBody>>
    try {
      read = await readRequestBody(req, endpoint.maxBodyBytes, timeoutMs)
    } catch (error) {
      // The sender hung up mid-body: there is no one to answer.
      if (req.destroyed) return
      throw error
    }
    if (!read.ok) return writeRefusal(res, read)
    const outcome = await endpoint.receive({
      method: req.method,
      url: resolvePublicUrl(req, locationOf(req), options),
      headers: req.headers,
      body: read.body,
    })
    writeOutcome(res, outcome)
  }
}
