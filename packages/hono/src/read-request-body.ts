import {
  type BodyReadResult,
  type NodeIncoming,
  readNodeRequestBody,
  readWebRequestBody,
} from '@hookgate/core/adapter'
import type { HonoRequest } from 'hono'

const consumedMessage =
  'The request body was already read as text or JSON by a middleware that ran before hookgate ' +
  "(c.req.json(), c.req.text(), validator('json')), so its exact bytes are gone and no signature can be " +
  'checked. Register the webhook route before that middleware, or have the middleware read ' +
  'await c.req.arrayBuffer() first: later readers then share the exact bytes.'

/** The bytes as an `ArrayBuffer` of exactly their length (a chunk may be a view into a larger one). */
function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  const exact = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
  return (exact ? bytes : bytes.slice()).buffer as ArrayBuffer
}

/**
 * The exact bytes of the request body. Read under the receiver's size limit and the body timeout from the
 * Node request when `@hono/node-server` passed one nobody has touched (see `untouchedIncoming`), else from
 * `c.req.raw`; unless an earlier middleware read them as an ArrayBuffer (Hono caches those, the wire
 * bytes). A body that was only read as text or JSON is refused: Hono would rebuild bytes from the decoded
 * text, and a signature over those is not a signature over what was sent.
 */
export async function readRequestBody(
  req: HonoRequest,
  incoming: NodeIncoming | undefined,
  maxBytes: number,
  timeoutMs: number,
): Promise<BodyReadResult> {
  const cached = req.bodyCache.arrayBuffer
  if (cached !== undefined) return { ok: true, body: new Uint8Array(await cached) }
  const options = { maxBytes, timeoutMs, consumedMessage }
  const read = await (incoming === undefined
    ? readWebRequestBody(req.raw, options)
    : readNodeRequestBody(incoming, options))
  // The stream is spent: leave the bytes where c.req.json() and friends look, for a handler chained after.
  // Hono types the cache as values but stores, and chains `.then` on, promises.
  if (read.ok) req.bodyCache.arrayBuffer = Promise.resolve(ownBuffer(read.body)) as unknown as ArrayBuffer
  return read
}
