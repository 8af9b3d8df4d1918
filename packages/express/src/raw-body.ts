import type { IncomingMessage, ServerResponse } from 'node:http'

/** The `verify` option of `express.json()`, `express.urlencoded()`, `express.text()` and `express.raw()`. */
export type BodyParserVerify = (
  req: IncomingMessage,
  res: ServerResponse,
  buf: Buffer,
  encoding: string,
) => void

// Keyed by request so the bytes go away with it and no property is added to objects users see.
const captured = new WeakMap<IncomingMessage, Uint8Array>()

/**
 * A `verify` callback for a global body parser that runs before hookgate: the parser still parses, and
 * hookgate gets the exact bytes it read (a parser consumes the stream, so nothing else can).
 *
 * @example app.use(express.json({ verify: hookgate.rawBody() }))
 */
export function rawBody(): BodyParserVerify {
  return (req, _res, buf) => {
    captured.set(req, buf)
  }
}

/** The bytes `rawBody()` captured for this request, if a parser read it with that `verify`. */
export function capturedBody(req: IncomingMessage): Uint8Array | undefined {
  return captured.get(req)
}
