import type { Outcome } from '../receiver/outcome.js'
import { BodyAccumulator } from './body-accumulator.js'
import { type Deadline, unwatchDeadline, watchDeadline } from './deadline-sweeper.js'
import { isNodeReadable, type NodeReadable, readNodeStream } from './read-node-stream.js'

export type { NodeReadable } from './read-node-stream.js'

/** Limits an adapter reads a body under. */
export interface ReadBodyLimits {
  /** The receiver's `maxBodyBytes`: reading stops at the first byte past it. */
  maxBytes: number
  /**
   * How long the whole body may take to arrive, in ms. Deadlines are checked a few times per timeout rather
   * than by a timer per request, so a late body is refused up to about a quarter of the timeout later.
   */
  timeoutMs: number
  /** The request's `Content-Length`, when sent: a body declared too large is refused before reading. */
  declaredLength?: string | number | undefined
  /**
   * The request's `Content-Encoding`, when sent. Anything but `identity` is refused (415) before reading:
   * providers sign the bytes they send uncompressed, and a body that is never inflated cannot be a
   * decompression bomb.
   */
  contentEncoding?: string | undefined
}

/** The body, or the refusal to write back instead. */
export type BodyReadResult = { ok: true; body: Uint8Array } | { ok: false; outcome: Outcome }

/**
 * Reads a request body from a Node stream (a Node request, a Fastify payload), read by its events, or from
 * any other async source of byte chunks (a web `ReadableStream`'s chunks), with a size limit enforced while
 * streaming, so a chunked body of unbounded length is never buffered, and a deadline for the whole body, so
 * a sender that stalls (or declares more bytes than it sends) is cut off. On refusal the source is left
 * unread; the caller's response closes the connection. An error of the source, or a Node stream that closes
 * before its end, rejects.
 */
export function readBody(
  source: NodeReadable | AsyncIterable<Uint8Array>,
  limits: ReadBodyLimits,
): Promise<BodyReadResult> {
  const body = new BodyAccumulator(limits)
  const refusal = body.refusalBeforeReading()
  if (refusal !== undefined) return Promise.resolve(refusal)
  // A Node stream is also async-iterable, but its iterator costs a promise per chunk and more.
  return isNodeReadable(source) ? readNodeStream(source, body) : readChunks(source, body)
}

const timedOut = Symbol('timed out')

async function readChunks(chunks: AsyncIterable<Uint8Array>, body: BodyAccumulator): Promise<BodyReadResult> {
  let expire!: () => void
  const expired = new Promise<typeof timedOut>((resolve) => {
    expire = () => resolve(timedOut)
  })
  const deadline: Deadline = { timeoutMs: body.timeoutMs, due: 0, expire }
  watchDeadline(deadline)
  const iterator = chunks[Symbol.asyncIterator]()
  try {
    for (;;) {
      const step = await Promise.race([iterator.next(), expired])
      if (step === timedOut) return body.timedOut()
      if (step.done) return body.body()
      const refusal = body.add(step.value)
      if (refusal !== undefined) return refusal
    }
  } finally {
    unwatchDeadline(deadline)
  }
}
