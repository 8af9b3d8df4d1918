import type { IncomingMessage, ServerResponse } from 'node:http'
import type { WebhookEndpoint } from '@hookgate/core'
import type { AdapterOptions } from '@hookgate/core/adapter'
import { clientAddressOf, type TrustProxy } from './client-address.js'
import { createNodeHandler } from './node-handler.js'

/** Options of the Node handler; `publicUrl` as a function receives the Node request. */
export interface NodeAdapterOptions extends AdapterOptions<IncomingMessage> {
  /**
   * The proxies in front of this server, whose `X-Forwarded-For` gives the client address guards see
   * (`['loopback']`, `['10.0.0.0/8']`, or a function): read right to left, past trusted hops only. Without
   * it, the client address is the socket's peer and the header is ignored, as it must be when anyone can
   * reach the server directly. (`trustProxy` is another switch: the public URL's forwarded headers.)
   * @default none: the socket's peer
   */
  trustedProxies?: TrustProxy
}

/** `(req, res) => Promise<void>`: `http.createServer(handler)`, or a framework's Node request and response. */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>

const consumedMessage =
  'The request body was already read before hookgate got the request (by a body parser such as ' +
  "@koa/bodyparser, the Next.js Pages Router's bodyParser, or NestJS's), so its exact bytes are gone and no " +
  'signature can be checked. Hand hookgate the request before any body parser: in Koa, route the webhook ' +
  'before bodyParser(); in the Next.js Pages Router, export const config = { api: { bodyParser: false } }; ' +
  'in NestJS, create the app with { rawBody: true } (hookgate then reads req.rawBody). A rawBody kept as a ' +
  "string, as @koa/bodyparser's, is decoded text and does not verify."

/** `req.rawBody` when a framework kept the bytes there as a Buffer (NestJS `rawBody: true`). */
function rawBodyOf(req: IncomingMessage): Uint8Array | undefined {
  const { rawBody } = req as { rawBody?: unknown }
  return rawBody instanceof Uint8Array ? rawBody : undefined
}

/**
 * The Node handler that receives webhooks for one receiver: reads the raw body from the request (or takes
 * the bytes on `req.rawBody`), hands it to `endpoint.receive()` and writes the outcome with
 * `res.writeHead().end()`. Mount it where no body parser ran before it; the receiver answers every method
 * but POST with 405.
 */
export function hookgate(endpoint: WebhookEndpoint, options: NodeAdapterOptions = {}): NodeHandler {
  return createNodeHandler(endpoint, options, {
    captured: rawBodyOf,
    consumedMessage,
    clientAddress: clientAddressOf(options.trustedProxies),
  })
}
