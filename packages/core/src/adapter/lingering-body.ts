import { bytesOf } from '../crypto/bytes.js'
import type { Outcome } from '../outcome/outcome.js'

/** A response that can be sent at once and ends later. */
export interface LingeringResponse {
  /** The outcome's headers and a `Content-Length`: the sender knows the answer is whole once it has it. */
  headers: Record<string, string>
  /** The outcome's body, ending only once the request's body has been drained. */
  body: ReadableStream<Uint8Array>
}

/**
 * `outcome` (a refusal whose request body is still being drained, see `BodyReadResult`) as a response the
 * framework sends now and ends once `drained` settles. The sender reads the whole answer while it still
 * writes; the connection, closed by the framework at the response's end, closes only after.
 */
export function lingeringBody(outcome: Outcome, drained: Promise<void>): LingeringResponse {
  const bytes = bytesOf(outcome.body)
  return {
    headers: { ...outcome.headers, 'content-length': String(bytes.byteLength) },
    body: new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(bytes),
      // Asked for only once the bytes were taken; a response cancelled meanwhile ignores the close.
      pull: (controller) => drained.then(() => controller.close()),
    }),
  }
}
