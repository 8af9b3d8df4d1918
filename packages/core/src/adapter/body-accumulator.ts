import { concat } from '../crypto/bytes.js'
import { rejectionOutcome } from '../outcome/outcome.js'
import type { BodyReadResult, BodyRefusal, ReadBodyLimits } from './body-read.js'

// The connection closes after these refusals: what is left of the body is not worth reading, beyond the
// little that `discardRest` drops so the sender gets to read the answer.
const closeConnection = { connection: 'close' }

function refusal(
  code: 'payload_too_large' | 'unsupported_encoding' | 'request_timeout',
  message: string,
): BodyRefusal {
  return { ok: false, outcome: rejectionOutcome(code, message, closeConnection) }
}

/**
 * One body being read under its limits, whatever the source (Node stream events or async chunks): the
 * chunks so far, and what to answer instead of the body when a limit is crossed.
 */
export class BodyAccumulator {
  readonly #limits: ReadBodyLimits
  readonly #parts: Uint8Array[] = []
  #size = 0

  constructor(limits: ReadBodyLimits) {
    this.#limits = limits
  }

  get limits(): ReadBodyLimits {
    return this.#limits
  }

  /** The refusal the headers call for before a byte is read, if any. */
  refusalBeforeReading(): BodyRefusal | undefined {
    const { contentEncoding, declaredLength, maxBytes } = this.#limits
    if (contentEncoding !== undefined && contentEncoding.trim().toLowerCase() !== 'identity') {
      return refusal(
        'unsupported_encoding',
        `The body is sent with Content-Encoding: ${contentEncoding.slice(0, 40)}. Webhook signatures cover the uncompressed bytes and hookgate does not decompress: configure the sender, or the proxy in front of this endpoint, not to compress requests.`,
      )
    }
    if (Number(declaredLength) > maxBytes) return this.#tooLarge()
    return undefined
  }

  /** Keeps `chunk`; once the body has grown past `maxBytes`, the refusal to answer instead. */
  add(chunk: Uint8Array): BodyRefusal | undefined {
    this.#size += chunk.byteLength
    if (this.#size > this.#limits.maxBytes) return this.#tooLarge()
    this.#parts.push(chunk)
    return undefined
  }

  /** The whole body, once the source has ended. */
  body(): BodyReadResult {
    return { ok: true, body: concat(this.#parts) }
  }

  /** The refusal when the body did not arrive within the timeout. */
  timedOut(): BodyRefusal {
    return refusal('request_timeout', `The body did not arrive within ${this.#limits.timeoutMs} ms.`)
  }

  #tooLarge(): BodyRefusal {
    const { maxBytes } = this.#limits
    return refusal(
      'payload_too_large',
      `The body is larger than this endpoint accepts (maxBodyBytes: ${maxBytes}).`,
    )
  }
}
