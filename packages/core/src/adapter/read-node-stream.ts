import type { BodyAccumulator } from './body-accumulator.js'
import { type Deadline, unwatchDeadline, watchDeadline } from './deadline-sweeper.js'
import type { BodyReadResult } from './read-body.js'

/**
 * The part of a Node `Readable` (an `IncomingMessage`, a Fastify payload) that `readBody` reads by events,
 * typed here so that core imports nothing from `node:`.
 */
export interface NodeReadable {
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown
  on(event: 'end' | 'close', listener: () => void): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
  removeListener(event: 'data' | 'end' | 'close' | 'error', listener: (...args: never[]) => void): unknown
  pause(): unknown
  resume(): unknown
  readonly readableEnded?: boolean
  readonly destroyed?: boolean
  readonly errored?: Error | null
}

export function isNodeReadable(source: unknown): source is NodeReadable {
  const candidate = source as Partial<NodeReadable>
  return (
    typeof candidate.on === 'function' &&
    typeof candidate.removeListener === 'function' &&
    typeof candidate.pause === 'function' &&
    typeof candidate.resume === 'function'
  )
}

/** What Node's own stream helpers reject with when a stream closes before its end. */
function prematureClose(): Error {
  return Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' })
}

// Errors after a refusal concern nobody; a plain Readable with no 'error' listener would throw them.
const ignore = () => {}

/**
 * Reads `stream` by its events, without the async iterator and the promise per chunk it costs: the body
 * once it ends, the accumulator's refusal once a limit is crossed, rejected if the stream errors or closes
 * first, as its async iterator would be. On refusal the stream is paused and left unread.
 */
export function readNodeStream(stream: NodeReadable, body: BodyAccumulator): Promise<BodyReadResult> {
  // Already over: its iterator would end (or fail) at once, and no event is coming.
  if (stream.readableEnded) return Promise.resolve(body.body())
  if (stream.destroyed) return Promise.reject(stream.errored ?? prematureClose())

  return new Promise((resolve, reject) => {
    const detach = () => {
      unwatchDeadline(deadline)
      stream.removeListener('data', onData)
      stream.removeListener('end', onEnd)
      stream.removeListener('error', onError)
      stream.removeListener('close', onClose)
    }
    const refuse = (refusal: BodyReadResult) => {
      detach()
      stream.pause()
      stream.on('error', ignore)
      resolve(refusal)
    }
    const onData = (chunk: Uint8Array) => {
      const refusal = body.add(chunk)
      if (refusal !== undefined) refuse(refusal)
    }
    const onEnd = () => {
      detach()
      resolve(body.body())
    }
    const onError = (error: Error) => {
      detach()
      reject(error)
    }
    const onClose = () => onError(prematureClose())
    const deadline: Deadline = { timeoutMs: body.timeoutMs, due: 0, expire: () => refuse(body.timedOut()) }

    stream.on('data', onData)
    stream.on('end', onEnd)
    stream.on('error', onError)
    stream.on('close', onClose)
    watchDeadline(deadline)
    // A 'data' listener alone does not restart a stream someone paused.
    stream.resume()
  })
}
