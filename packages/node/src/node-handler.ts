import type { ServerResponse } from 'node:http'
import type { WebhookEndpoint } from '@hookgate/core'
import {
  type AdapterOptions,
  type BodyReadResult,
  bodyTimeoutMs,
  headerPairs,
  readNodeRequestBody,
  resolvePublicUrl,
} from '@hookgate/core/adapter'
import { locationOf, type NodeRequest } from './location.js'
import { writeOutcome, writeRefusal } from './write-outcome.js'

/** What a framework on Node knows of a request's body that the stream alone does not. */
export interface NodeBodySource<R> {
  /** The exact bytes, when the framework read the stream and kept them. */
  captured(req: R): Uint8Array | undefined
  /** The `raw_body_unavailable` message for a stream read without its bytes kept: how to fix it there. */
  consumedMessage: string
  /**
   * The client address, as the framework resolved it (Express's `req.ip`, honouring `trust proxy`).
   * @default the socket's peer
   */
  clientAddress?(req: R): string | undefined
}

/**
 * The handler every Node adapter is (`@hookgate/node`, and `@hookgate/express` with its own captured bytes
 * and message): reads the raw body, hands it to `endpoint.receive()` and writes the outcome back. A sender
 * that hung up mid-body is not answered; any other failure rejects.
 */
export function createNodeHandler<R extends NodeRequest>(
  endpoint: WebhookEndpoint,
  options: AdapterOptions<R>,
  source: NodeBodySource<R>,
): (req: R, res: ServerResponse) => Promise<void> {
  const timeoutMs = bodyTimeoutMs(options)
  const { consumedMessage } = source
  return async (req, res) => {
    let read: BodyReadResult
    try {
      const captured = source.captured(req)
      read = await readNodeRequestBody(req, {
        maxBytes: endpoint.maxBodyBytes,
        timeoutMs,
        consumedMessage,
        captured,
      })
    } catch (error) {
      // The sender hung up mid-body: there is no one to answer.
      if (req.destroyed) return
      throw error
    }
    if (!read.ok) return writeRefusal(res, read)
    const outcome = await endpoint.receive({
      method: req.method,
      url: resolvePublicUrl(req, locationOf(req), options),
      headers: headerPairs(req),
      body: read.body,
      clientAddress: source.clientAddress ? source.clientAddress(req) : req.socket.remoteAddress,
    })
    writeOutcome(res, outcome)
  }
}
