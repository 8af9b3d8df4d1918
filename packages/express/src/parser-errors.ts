import type { RejectionCode } from '@hookgate/core'
import { rejectionOutcome } from '@hookgate/core/adapter'
import { writeOutcome } from '@hookgate/node'
import type { ErrorRequestHandler } from 'express'

/** What body-parser (behind `express.json()`, `urlencoded()`, `text()`, `raw()`) puts on its errors. */
interface BodyParserError {
  type: string
  limit?: number
  charset?: string
  encoding?: string
}

/** A header value the sender chose, short enough to quote. */
const quoted = (value: string | undefined) => String(value).slice(0, 40)

/**
 * Each body-parser error `type` (those it raises for a request, not for its own misuse) as hookgate's
 * refusal, of the same status, and what the parser found wrong with the body.
 */
const refusals = new Map<string, { code: RejectionCode; says: (error: BodyParserError) => string }>([
  [
    'entity.too.large',
    { code: 'payload_too_large', says: (e) => `is larger than its limit (${e.limit} bytes)` },
  ],
  [
    'parameters.too.many',
    { code: 'payload_too_large', says: () => 'has more form parameters than it takes' },
  ],
  ['entity.parse.failed', { code: 'malformed_payload', says: () => 'is not what its Content-Type says' }],
  ['querystring.parse.rangeError', { code: 'malformed_payload', says: () => 'nests deeper than it takes' }],
  ['request.size.invalid', { code: 'malformed_payload', says: () => 'is not as long as its Content-Length' }],
  ['request.aborted', { code: 'malformed_payload', says: () => 'ended before it was whole' }],
  [
    'charset.unsupported',
    { code: 'unsupported_encoding', says: (e) => `is in a charset it does not read (${quoted(e.charset)})` },
  ],
  [
    'encoding.unsupported',
    {
      code: 'unsupported_encoding',
      says: (e) => `has a Content-Encoding it does not take (${quoted(e.encoding)})`,
    },
  ],
  ['stream.not.readable', { code: 'raw_body_unavailable', says: () => 'was already read before it ran' }],
])

function isBodyParserError(error: unknown): error is BodyParserError {
  return typeof (error as Partial<BodyParserError> | null)?.type === 'string'
}

/**
 * An Express error middleware for a webhook route behind a global body parser: the parser's refusals
 * (too large, malformed, unsupported charset or encoding), raised before hookgate ever runs, are answered
 * in hookgate's JSON rejection shape with the parser's status, instead of Express's HTML error page (with
 * a stack trace outside production). Any other error, or one raised after the answer started, goes on to
 * the next error middleware.
 *
 * @example app.use('/webhooks', hookgate.errorHandler())
 */
export function errorHandler(): ErrorRequestHandler {
  return (error, req, res, next) => {
    const refusal = isBodyParserError(error) ? refusals.get(error.type) : undefined
    if (refusal === undefined || res.headersSent) return next(error)
    // The sender hung up while the parser read: there is no one to answer.
    if (req.destroyed) return
    const message =
      `A body parser ran before hookgate and refused the body: it ${refusal.says(error)}. No signature ` +
      "was checked. Mount the webhook route before the app's body parsers."
    writeOutcome(res, rejectionOutcome(refusal.code, message))
  }
}
