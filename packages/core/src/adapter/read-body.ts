import { concat } from '../crypto/bytes.js'
import { type Outcome, rejectionOutcome } from '../receiver/outcome.js'

/** Limits an adapter reads a body under. */
export interface ReadBodyLimits {
  /** The receiver's `maxBodyBytes`: reading stops at the first byte past it. */
  maxBytes: number
  /** How long the whole body may take to arrive, in ms. */
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

// The connection is closed after these refusals so the server does not go on draining what is left.
const closeConnection = { connection: 'close' }

function tooLarge(maxBytes: number): BodyReadResult {
  return {
    ok: false,
    outcome: rejectionOutcome(
      'payload_too_large',
      `The body is larger than this endpoint accepts (maxBodyBytes: ${maxBytes}).`,
      closeConnection,
    ),
  }
}

function unsupportedEncoding(encoding: string): BodyReadResult {
  return {
    ok: false,
    outcome: rejectionOutcome(
      'unsupported_encoding',
      `The body is sent with Content-Encoding: ${encoding.slice(0, 40)}. Webhook signatures cover the uncompressed bytes and hookgate does not decompress: configure the sender, or the proxy in front of this endpoint, not to compress requests.`,
      closeConnection,
    ),
  }
}

const timedOut = Symbol('timed out')

/**
 * Reads a request body from any async source of byte chunks (a Node request, a Fastify payload stream, a web
 * `ReadableStream`) with a size limit enforced while streaming, so a chunked body of unbounded length is
 * never buffered, and a deadline for the whole body, so a sender that stalls (or declares more bytes than it
 * sends) is cut off. On refusal the source is left unread; the caller's response closes the connection.
 */
export async function readBody(
  chunks: AsyncIterable<Uint8Array>,
  limits: ReadBodyLimits,
): Promise<BodyReadResult> {
  const { maxBytes, timeoutMs, declaredLength, contentEncoding } = limits
  if (contentEncoding !== undefined && contentEncoding.trim().toLowerCase() !== 'identity')
    return unsupportedEncoding(contentEncoding)
  if (Number(declaredLength) > maxBytes) return tooLarge(maxBytes)

  let timer: ReturnType<typeof setTimeout> | undefined
  const deadline = new Promise<typeof timedOut>((resolve) => {
    timer = setTimeout(resolve, timeoutMs, timedOut)
  })
  const iterator = chunks[Symbol.asyncIterator]()
  const parts: Uint8Array[] = []
  let size = 0
  try {
    for (;;) {
      const step = await Promise.race([iterator.next(), deadline])
      if (step === timedOut) {
        return {
          ok: false,
          outcome: rejectionOutcome(
            'request_timeout',
            `The body did not arrive within ${timeoutMs} ms.`,
            closeConnection,
          ),
        }
      }
      if (step.done) break
      size += step.value.byteLength
      if (size > maxBytes) return tooLarge(maxBytes)
      parts.push(step.value)
    }
  } finally {
    clearTimeout(timer)
  }
  return { ok: true, body: concat(parts) }
}
