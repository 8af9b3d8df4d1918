import { createReceiver, standardWebhooks } from '@hookgate/core'
import { type FetchHandler, hookgate } from '@hookgate/fetch'
import { invoicePaid } from '../micro/schema.js'

/**
 * The app each runtime serves in the runtimes section, bundled for the browser platform: `/hookgate` is the
 * fetch handler over the same receiver as the HTTP section's memory route (Standard Webhooks, zod schema,
 * memory store and queue), `/bare` reads the body and answers 202, the runtime's own floor.
 */

/** Put in by the bundler (runtimes/bundle.ts): the bench's secret, which secrets.ts computes with Buffer. */
declare const BENCH_STANDARD_WEBHOOKS_SECRET: string

// Made on the first request: workerd refuses a receiver's AbortController and timers at module load.
let handler: FetchHandler | undefined

export default {
  async fetch(request: Request, ...context: unknown[]): Promise<Response> {
    switch (new URL(request.url).pathname) {
      case '/bare':
        await request.arrayBuffer()
        return new Response(null, { status: 202 })
      case '/hookgate':
        handler ??= hookgate(
          createReceiver({
            provider: standardWebhooks({ secret: BENCH_STANDARD_WEBHOOKS_SECRET }),
          }).on('*', invoicePaid, () => {}),
        )
        return handler(request, ...context)
      default:
        return new Response('not found', { status: 404 })
    }
  },
}
