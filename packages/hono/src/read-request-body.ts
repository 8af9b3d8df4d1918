import { type BodyReadResult, readBody, rejectionOutcome } from '@hookgate/core/adapter'
import type { HonoRequest } from 'hono'
import type { NodeIncoming } from './node-incoming.js'

const consumedMessage =
  'The request body was already read as text or JSON by a middleware that ran before hookgate ' +
  "(c.req.json(), c.req.text(), validator('json')), so its exact bytes are gone and no signature can be " +
  'checked. Register the webhook route before that middleware, or have the middleware read ' +
  'await c.req.arrayBuffer() first: later readers then share the exact bytes.'

/** A web stream as async chunks, without relying on `ReadableStream`'s async iterator (not on every runtime). */
async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return
    yield value
  }
}

/** The bytes as an `ArrayBuffer` of exactly their length (a chunk may be a view into a larger one). */
function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  const exact = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
  return (exact ? bytes : bytes.slice()).buffer as ArrayBuffer
}

/** The body from the untouched Node request, or else from `c.req.raw`, with the limits that apply. */
function readFromWire(
  raw: Request,
  incoming: NodeIncoming | undefined,
  maxBytes: number,
  timeoutMs: number,
): Promise<BodyReadResult> {
  if (incoming !== undefined) {
    return readBody(incoming, {
      maxBytes,
      timeoutMs,
      declaredLength: incoming.headers['content-length'] as string | undefined,
      contentEncoding: incoming.headers['content-encoding'] as string | undefined,
    })
  }
  if (raw.body === null) return Promise.resolve({ ok: true, body: new Uint8Array(0) })
  return readBody(chunksOf(raw.body), {
    maxBytes,
    timeoutMs,
    declaredLength: raw.headers.get('content-length') ?? undefined,
    contentEncoding: raw.headers.get('content-encoding') ?? undefined,
  })
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
  const { raw } = req
  if (raw.bodyUsed) return { ok: false, outcome: rejectionOutcome('raw_body_unavailable', consumedMessage) }
  const read = await readFromWire(raw, incoming, maxBytes, timeoutMs)
  // The stream is spent: leave the bytes where c.req.json() and friends look, for a handler chained after.
  // Hono types the cache as values but stores, and chains `.then` on, promises.
  if (read.ok) req.bodyCache.arrayBuffer = Promise.resolve(ownBuffer(read.body)) as unknown as ArrayBuffer
  return read
}
