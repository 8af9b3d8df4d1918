import type { HeadersLike } from '../request.js'
import type { BodyReadResult } from './body-read.js'
import type { NodeReadable } from './node-readable.js'
import { readBody } from './read-body.js'
import { consumedBody, type RequestBodyOptions } from './request-body.js'

/**
 * The part of Node's `IncomingMessage` (or `Http2ServerRequest`) the adapters read, typed here so core
 * imports nothing from `node:` and still loads on Workers, Bun and Deno.
 */
export interface NodeIncoming extends NodeReadable {
  /** Header names and values as received, alternating; HTTP/2 pseudo-headers (`:path`) included. */
  rawHeaders: string[]
  headers: Record<string, string | string[] | undefined>
  /** `null` until something reads the stream, pipes it or turns it into a web stream. */
  readableFlowing: boolean | null
  readableDidRead: boolean
}

export function isNodeIncoming(value: unknown): value is NodeIncoming {
  const candidate = value as Partial<NodeIncoming> | null | undefined
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    Array.isArray(candidate.rawHeaders) &&
    typeof candidate.headers === 'object' &&
    typeof candidate.on === 'function'
  )
}

/**
 * The headers as `[name, value]` pairs in the order received, without HTTP/2 pseudo-headers: what a Web
 * `Headers` built from them holds once lower-cased and joined, so every adapter hands the receiver the same
 * header values (Node's `incoming.headers` would drop repeats of some, such as `Authorization`).
 */
export function headerPairs(incoming: NodeIncoming): HeadersLike {
  const { rawHeaders } = incoming
  const pairs: [string, string][] = []
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!
    if (name.charCodeAt(0) !== 0x3a /* ':' */) pairs.push([name, rawHeaders[i + 1]!])
  }
  return pairs
}

/** How to read a Node request's body: the limits, and the bytes a framework may already have kept. */
export interface NodeRequestBodyOptions extends RequestBodyOptions {
  /** The exact bytes, when something read the stream and kept them (NestJS `rawBody`, Express `verify`). */
  captured?: Uint8Array | undefined
}

/**
 * The exact bytes of a Node request's body: `captured` when given, else read from the stream under the
 * size limit and the body timeout. A stream something else consumed without keeping the bytes is refused
 * with `consumedMessage`, never guessed at (re-serialized JSON does not verify).
 */
export function readNodeRequestBody(
  incoming: NodeIncoming,
  { maxBytes, timeoutMs, consumedMessage, captured }: NodeRequestBodyOptions,
): Promise<BodyReadResult> {
  if (captured !== undefined) return Promise.resolve({ ok: true, body: captured })
  if (incoming.readableDidRead || incoming.readableEnded)
    return Promise.resolve(consumedBody(consumedMessage))
  return readBody(incoming, {
    maxBytes,
    timeoutMs,
    declaredLength: incoming.headers['content-length'] as string | undefined,
    contentEncoding: incoming.headers['content-encoding'] as string | undefined,
  })
}
