import type { Outcome } from '../outcome/outcome.js'

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
  /**
   * How much of a refused body is still read and dropped (see `drained`).
   * @default adapterDefaults.discardBytes (8 MiB)
   */
  discardBytes?: number
  /**
   * For how long, in ms.
   * @default adapterDefaults.discardTimeout (2 s)
   */
  discardTimeoutMs?: number
}

/** The body, or the refusal to write back instead. */
export type BodyReadResult =
  | { ok: true; body: Uint8Array }
  | {
      ok: false
      outcome: Outcome
      /**
       * Set when the rest of a refused Node stream is being read and dropped (a body too large or
       * compressed, whose sender is still writing). Settles once the body ended or the discard budget ran
       * out: end the response then, not before, since closing the connection under a sender still writing
       * resets it, and most senders lose the answer with it. `lingeringBody()` builds such a response.
       */
      drained?: Promise<void>
    }

/** A refusal: what to write back instead of reading the body. */
export type BodyRefusal = Extract<BodyReadResult, { ok: false }>
