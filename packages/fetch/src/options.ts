import type { Outcome } from '@hookgate/core'
import type { AdapterOptions } from '@hookgate/core/adapter'

/** Options of the fetch handler; `publicUrl` as a function receives the `Request`. */
export interface FetchAdapterOptions extends AdapterOptions<Request> {
  /**
   * Keeps after-ack work (an `ack: 'queued'` receiver's first attempt) alive on a runtime that stops once
   * the response is sent: `waitUntil` from `@vercel/functions`, or Next.js's `after`. Without it, the
   * handler looks for a `waitUntil` method on its 2nd and 3rd arguments (a Workers `ExecutionContext`, a
   * Vercel or Next.js edge context), and passes none where there is none (Node, Bun and Deno run on after
   * the response anyway).
   * @default the context's `waitUntil`, if any
   */
  waitUntil?: (work: Promise<unknown>) => void
  /**
   * After a 2xx outcome, called with the outcome (`outcome.event` is the verified event) and a `Request`
   * carrying the same method, URL, headers and bytes, its body unread; its `Response` answers the sender.
   * Refusals are always answered by the handler, so invalid input never reaches it.
   * @default none: the handler answers every outcome itself
   */
  passThrough?: (outcome: Outcome, request: Request) => Response | Promise<Response>
  /**
   * The client address guards see, from the request and the handler's other arguments: a Web `Request`
   * carries none. Bun: `(request) => server.requestIP(request)?.address`; Deno:
   * `(request, info) => info.remoteAddr.hostname`; Workers: `request.headers.get('CF-Connecting-IP')`;
   * Vercel: the first hop of `x-forwarded-for`, which its edge sets. Read a header only where the
   * platform sets it and nothing can reach the app around the platform.
   * @default none: requests carry no client address
   */
  clientAddress?: (request: Request, ...context: unknown[]) => string | undefined
}

/** The options, checked once when the handler is created. */
export function checkOptions(options: FetchAdapterOptions): void {
  for (const name of ['waitUntil', 'passThrough', 'clientAddress'] as const) {
    const value = options[name]
    if (value !== undefined && typeof value !== 'function') {
      throw new TypeError(`@hookgate/fetch: ${name} must be a function, got ${typeof value}`)
    }
  }
}
