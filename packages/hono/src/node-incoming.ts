import { isNodeIncoming, type NodeIncoming } from '@hookgate/core/adapter'

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

/** The socket's peer on `@hono/node-server`; undefined on every other runtime. */
export function socketAddressOf(env: unknown): string | undefined {
  return (nodeIncomingOf(env) as { socket?: { remoteAddress?: string } } | undefined)?.socket?.remoteAddress
}
