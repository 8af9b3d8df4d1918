import type { HeadersLike } from '@hookgate/core'
import type { NodeReadable } from '@hookgate/core/adapter'

/**
 * The part of Node's `IncomingMessage` (or `Http2ServerRequest`) the adapter reads, typed here so the
 * package imports nothing from `node:` and still loads on Workers, Bun and Deno.
 */
export interface NodeIncoming extends NodeReadable {
  /** Header names and values as received, alternating; HTTP/2 pseudo-headers (`:path`) included. */
  rawHeaders: string[]
  headers: Record<string, string | string[] | undefined>
  /** `null` until something reads the stream, pipes it or turns it into a web stream. */
  readableFlowing: boolean | null
  readableDidRead: boolean
}

function isNodeIncoming(value: unknown): value is NodeIncoming {
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
 * The Node request behind the context when the app runs on `@hono/node-server`: its `HttpBindings` put it
 * at `c.env.incoming`. Undefined on every other runtime.
 */
export function nodeIncomingOf(env: unknown): NodeIncoming | undefined {
  const incoming = (env as { incoming?: unknown } | null | undefined)?.incoming
  return isNodeIncoming(incoming) ? incoming : undefined
}

/**
 * The Node request (see `nodeIncomingOf`) while nothing has started reading its body. Reading from it
 * directly spares the Web `Request` and `ReadableStream` that node-server otherwise builds on first access
 * to `c.req.raw.body`. Undefined once anything touched the stream (a body parser, `Readable.toWeb`, a
 * platform that pre-read `rawBody`): the Web `Request` then knows better what is left.
 */
export function untouchedIncoming(env: unknown): NodeIncoming | undefined {
  const incoming = nodeIncomingOf(env)
  return incoming?.readableFlowing === null && !incoming.readableDidRead ? incoming : undefined
}

/**
 * The headers as `[name, value]` pairs in the order received, without HTTP/2 pseudo-headers: what a Web
 * `Headers` built from them holds once lower-cased and joined, as node-server builds it, so both paths hand
 * the receiver the same header values (Node's `incoming.headers` would drop repeats of some, such as
 * `Authorization`).
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
