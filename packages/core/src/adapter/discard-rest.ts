import { toMs } from '../duration.js'
import type { ReadBodyLimits } from './body-read.js'
import type { NodeReadable } from './node-readable.js'
import { adapterDefaults } from './options.js'

const defaultTimeoutMs = toMs(adapterDefaults.discardTimeout, 'discardTimeout')

/**
 * Reads what is left of a refused body and drops it, so that its sender can finish writing and read the
 * answer (see `adapterDefaults`). Settles once the body ended, the stream failed or closed, or the budget
 * of bytes or time ran out; the stream is then paused, and whatever still comes is the connection's close
 * to deal with. Never rejects.
 */
export function discardRest(stream: NodeReadable, limits: ReadBodyLimits): Promise<void> {
  if (stream.readableEnded || stream.destroyed) return Promise.resolve()
  let left = limits.discardBytes ?? adapterDefaults.discardBytes
  return new Promise((resolve) => {
    const stop = () => {
      clearTimeout(timer)
      stream.removeListener('data', onData)
      stream.removeListener('end', stop)
      stream.removeListener('error', stop)
      stream.removeListener('close', stop)
      stream.pause()
      resolve()
    }
    const onData = (chunk: Uint8Array) => {
      left -= chunk.byteLength
      if (left < 0) stop()
    }
    const timer = setTimeout(stop, limits.discardTimeoutMs ?? defaultTimeoutMs)
    // A sender that stops writing must not keep the process alive on its own.
    ;(timer as { unref?: () => void }).unref?.()
    stream.on('data', onData)
    stream.on('end', stop)
    stream.on('error', stop)
    stream.on('close', stop)
    stream.resume()
  })
}
