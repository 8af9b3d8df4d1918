import { type Duration, toMs } from '../duration.js'
import type { PublicUrlOptions } from './public-url.js'

/** What every framework adapter accepts. `R` is what `publicUrl` receives: the framework's request or context. */
export interface AdapterOptions<R> extends PublicUrlOptions<R> {
  /**
   * How long the whole body may take to arrive before the request is refused with 408 and the connection
   * closed. Senders give up on a response after 10 to 30 s, so a slower body is never worth waiting for.
   * Checked a few times per timeout, not by a timer per request: a stalled body is refused up to about a
   * quarter of the timeout late. Default `'10s'`.
   */
  bodyTimeout?: Duration
}

/** `bodyTimeout` in ms, checked once when the adapter is created. */
export function bodyTimeoutMs(options: AdapterOptions<never>): number {
  return toMs(options.bodyTimeout ?? '10s', 'bodyTimeout')
}
