import { type BodyReadResult, readBody, rejectionOutcome } from '@hookgate/core/adapter'
import type { Request } from 'express'
import { capturedBody } from './raw-body.js'

const consumedMessage =
  'The request body was already read by a body parser that ran before hookgate (such as a global ' +
  'express.json()), so its exact bytes are gone and no signature can be checked. Mount the webhook route ' +
  'before that parser, or let the parser keep the bytes: app.use(express.json({ verify: hookgate.rawBody() })).'

/**
 * The exact bytes of the request body: captured by `hookgate.rawBody()` if a parser already read them, else
 * read from the stream under the receiver's size limit and the body timeout. A stream some other middleware
 * consumed without capturing is refused, never guessed at (re-serialized JSON does not verify).
 */
export function readRequestBody(req: Request, maxBytes: number, timeoutMs: number): Promise<BodyReadResult> {
  const captured = capturedBody(req)
  if (captured !== undefined) return Promise.resolve({ ok: true, body: captured })
  if (req.readableDidRead || req.readableEnded) {
    return Promise.resolve({ ok: false, outcome: rejectionOutcome('raw_body_unavailable', consumedMessage) })
  }
  return readBody(req, {
    maxBytes,
    timeoutMs,
    declaredLength: req.headers['content-length'],
    contentEncoding: req.headers['content-encoding'],
  })
}
