import type { Outcome, WebhookEndpoint } from '@hookgate/core'
import { bodyTimeoutMs, readWebRequestBody, resolvePublicUrl, urlLocation } from '@hookgate/core/adapter'
import { checkOptions, type FetchAdapterOptions } from './options.js'
import { replayed } from './pass-through.js'
import { waitUntilOf } from './wait-until.js'

/** The Web-standard handler: `export const POST = handler`, `export default { fetch: handler }`, `Deno.serve(handler)`. */
export type FetchHandler = (request: Request, ...context: unknown[]) => Promise<Response>

const consumedMessage =
  'The request body was already read before hookgate got the request (request.json(), request.text() or ' +
  'formData() was called, or a framework parsed it), so its exact bytes are gone and no signature can be ' +
  "checked. Hand hookgate the request before anything reads its body: in Elysia, set parse: 'none' on the " +
  'webhook route; in Next.js, do not read the body in middleware; elsewhere, pass request.clone() to the ' +
  'code that reads it first.'

/** The outcome as the response, exactly: status, headers and body (none for a 204, as `Response` requires). */
function responseOf(outcome: Outcome): Response {
  const body = outcome.status === 204 ? null : outcome.body
  return new Response(body, { status: outcome.status, headers: outcome.headers })
}

/**
 * The fetch handler that receives webhooks for one receiver: reads the raw body once, as bytes, under the
 * receiver's size limit and the body timeout, hands it to `endpoint.receive()` and answers with the
 * outcome (or, after a 2xx, with `passThrough`'s response).
 */
export function hookgate(endpoint: WebhookEndpoint, options: FetchAdapterOptions = {}): FetchHandler {
  checkOptions(options)
  const timeoutMs = bodyTimeoutMs(options)
  const { passThrough, clientAddress } = options
  return async (request, ...context) => {
    const read = await readWebRequestBody(request, {
      maxBytes: endpoint.maxBodyBytes,
      timeoutMs,
      consumedMessage,
    })
    if (!read.ok) return responseOf(read.outcome)
    const location = urlLocation(request.url, (name) => request.headers.get(name) ?? undefined)
    const outcome = await endpoint.receive(
      {
        method: request.method,
        url: resolvePublicUrl(request, location, options),
        headers: request.headers,
        body: read.body,
        clientAddress: clientAddress?.(request, ...context),
      },
      { waitUntil: waitUntilOf(context, options.waitUntil) },
    )
    if (passThrough === undefined || outcome.status < 200 || outcome.status > 299) return responseOf(outcome)
    return passThrough(outcome, replayed(request, read.body))
  }
}
