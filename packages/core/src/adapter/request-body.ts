import { rejectionOutcome } from '../outcome/outcome.js'
import type { BodyRefusal } from './body-read.js'

/** What an adapter reads a whole request body under. */
export interface RequestBodyOptions {
  /** The receiver's `maxBodyBytes`: reading stops at the first byte past it. */
  maxBytes: number
  /** How long the whole body may take to arrive, in ms (see `ReadBodyLimits.timeoutMs`). */
  timeoutMs: number
  /**
   * The `raw_body_unavailable` message for a body something read before the adapter: it says, in the
   * framework's own terms, how to keep the bytes.
   */
  consumedMessage: string
}

/** The refusal of a body already read by someone else: its exact bytes are gone, so no signature can be checked. */
export function consumedBody(message: string): BodyRefusal {
  return { ok: false, outcome: rejectionOutcome('raw_body_unavailable', message) }
}
