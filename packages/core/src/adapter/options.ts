import { type Duration, toMs } from '../duration.js'
import type { PublicUrlOptions } from './public-url.js'

/**
 * Every default of the adapters' body handling, in one place; the adapter docs quote them.
 *
 * After a body is refused as too large or compressed, its sender is usually still writing it. Closing the
 * connection under it resets the connection, and most senders (those that read only once they have sent
 * everything, and every sender whose next write fails first) never see the answer. So the rest is read
 * and dropped, up to `discardBytes` and for at most `discardTimeout`, before the connection closes: enough
 * for a webhook a few times over any sane limit, too little to be worth streaming at us.
 */
export const adapterDefaults = {
  /** How long a whole body may take to arrive. */
  bodyTimeout: '10s',
  /** How much more of a refused body is read and dropped before the connection closes. */
  discardBytes: 8 * 1024 * 1024,
  /** For how long, at most. */
  discardTimeout: '2s',
} as const satisfies { bodyTimeout: Duration; discardBytes: number; discardTimeout: Duration }

/** What every framework adapter accepts. `R` is what `publicUrl` receives: the framework's request or context. */
export interface AdapterOptions<R> extends PublicUrlOptions<R> {
  /**
   * How long the whole body may take to arrive before the request is refused with 408 and the connection
   * closed. Senders give up on a response after 10 to 30 s, so a slower body is never worth waiting for.
   * Checked a few times per timeout, not by a timer per request: a stalled body is refused up to about a
   * quarter of the timeout late.
   * @default '10s' (adapterDefaults.bodyTimeout)
   */
  bodyTimeout?: Duration
}

/** `bodyTimeout` in ms, checked once when the adapter is created. */
export function bodyTimeoutMs(options: AdapterOptions<never>): number {
  return toMs(options.bodyTimeout ?? adapterDefaults.bodyTimeout, 'bodyTimeout')
}
