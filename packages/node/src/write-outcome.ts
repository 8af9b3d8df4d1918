import type { ServerResponse } from 'node:http'
import type { Outcome } from '@hookgate/core'
import type { BodyRefusal } from '@hookgate/core/adapter'

/**
 * Writes the outcome exactly: status, headers and body, nothing a framework would add. If something else
 * answered meanwhile (a request timeout, say), its answer stands.
 */
export function writeOutcome(res: ServerResponse, outcome: Outcome): void {
  if (res.headersSent) return
  res.writeHead(outcome.status, outcome.headers).end(outcome.body)
}

/**
 * Writes a refusal of the body. While the rest of the body is drained, the answer goes out whole (its
 * length given, so the sender knows it has all of it) and the response ends, closing the connection, only
 * once the draining is over.
 */
export function writeRefusal(res: ServerResponse, { outcome, drained }: BodyRefusal): void {
  if (drained === undefined || res.headersSent) {
    writeOutcome(res, outcome)
    return
  }
  res.writeHead(outcome.status, { ...outcome.headers, 'content-length': Buffer.byteLength(outcome.body) })
  res.write(outcome.body)
  void drained.then(() => res.end())
}
