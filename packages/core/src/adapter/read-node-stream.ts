import type { BodyAccumulator } from './body-accumulator.js'
import type { BodyReadResult, BodyRefusal } from './body-read.js'
import { type Deadline, unwatchDeadline, watchDeadline } from './deadline-sweeper.js'
import { discardRest } from './discard-rest.js'
import type { NodeReadable } from './node-readable.js'

/** What Node's own stream helpers reject with when a stream closes before its end. */
function prematureClose(): Error {
  return Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' })
}

// Errors after a refusal concern nobody; a plain Readable with no 'error' listener would throw them.
const ignore = () => {}

/**
 * `refusal` of `stream`, with the stream let go of. A sender refused while still writing (a body too
 * large or compressed) has the rest of its body discarded behind the answer (`drained`); a sender that
 * timed out is stalled, so nothing is waited for, and the stream is left paused.
 */
export function refuseStream(stream: NodeReadable, body: BodyAccumulator, refusal: BodyRefusal): BodyRefusal {
  stream.on('error', ignore)
  if (refusal.outcome.code === 'request_timeout') {
    stream.pause()
    return refusal
  }
  return { ...refusal, drained: discardRest(stream, body.limits) }
}

/**
 * Reads `stream` by its events, without the async iterator and the promise per chunk it costs: the body
 * once it ends, the accumulator's refusal once a limit is crossed (see `refuseStream`), rejected if the
 * stream errors or closes first, as its async iterator would be.
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
    const refuse = (refusal: BodyRefusal) => {
      detach()
      resolve(refuseStream(stream, body, refusal))
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
    const deadline: Deadline = {
      timeoutMs: body.limits.timeoutMs,
      due: 0,
      expire: () => refuse(body.timedOut()),
    }

    stream.on('data', onData)
    stream.on('end', onEnd)
    stream.on('error', onError)
    stream.on('close', onClose)
    watchDeadline(deadline)
    // A 'data' listener alone does not restart a stream someone paused.
    stream.resume()
  })
}
