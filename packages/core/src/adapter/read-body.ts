import { BodyAccumulator } from './body-accumulator.js'
import type { BodyReadResult, ReadBodyLimits } from './body-read.js'
import { type Deadline, unwatchDeadline, watchDeadline } from './deadline-sweeper.js'
import { isNodeReadable, type NodeReadable } from './node-readable.js'
import { readNodeStream, refuseStream } from './read-node-stream.js'

/**
 * Reads a request body from a Node stream (a Node request, a Fastify payload), read by its events, or from
 * any other async source of byte chunks (a web `ReadableStream`'s chunks), with a size limit enforced while
 * streaming, so a chunked body of unbounded length is never buffered, and a deadline for the whole body, so
 * a sender that stalls (or declares more bytes than it sends) is cut off. A Node stream refused while its
 * sender still writes is drained behind the answer, within a budget (see `drained`); any other source is
 * left unread. The caller's response closes the connection. An error of the source, or a Node stream that
 * closes before its end, rejects.
 */
export function readBody(
  source: NodeReadable | AsyncIterable<Uint8Array>,
  limits: ReadBodyLimits,
): Promise<BodyReadResult> {
  const body = new BodyAccumulator(limits)
  // A Node stream is also async-iterable, but its iterator costs a promise per chunk and more.
  const node = isNodeReadable(source)
  const refusal = body.refusalBeforeReading()
  if (refusal !== undefined) return Promise.resolve(node ? refuseStream(source, body, refusal) : refusal)
  return node ? readNodeStream(source, body) : readChunks(source, body)
}

const timedOut = Symbol('timed out')

async function readChunks(chunks: AsyncIterable<Uint8Array>, body: BodyAccumulator): Promise<BodyReadResult> {
  let expire!: () => void
  const expired = new Promise<typeof timedOut>((resolve) => {
    expire = () => resolve(timedOut)
  })
  const deadline: Deadline = { timeoutMs: body.limits.timeoutMs, due: 0, expire }
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
