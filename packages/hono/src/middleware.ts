import type { Outcome, ReceiveOptions, WebhookEndpoint } from '@hookgate/core'
import {
  type AdapterOptions,
  type BodyReadResult,
  type BodyRefusal,
  bodyTimeoutMs,
  headerPairs,
  lingeringBody,
  resolvePublicUrl,
  urlLocation,
} from '@hookgate/core/adapter'
import type { Context, MiddlewareHandler } from 'hono'
import { createMiddleware } from 'hono/factory'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { nodeIncomingOf, socketAddressOf, untouchedIncoming } from './node-incoming.js'
import { readRequestBody } from './read-request-body.js'

/** What the middleware puts on `c.var` for a handler chained after it (see `passThrough`). */
export interface WebhookVariables {
  /** The receiver's outcome; `webhook.event` is the verified event. */
  webhook: Outcome
}

/** The Hono `Env` of the middleware: `c.get('webhook')` is typed in handlers chained after it. */
export interface HookgateEnv {
  Variables: WebhookVariables
}

/** Options of the Hono adapter; `publicUrl` as a function receives the Hono context. */
export interface HonoAdapterOptions extends AdapterOptions<Context> {
  /**
   * After a 2xx outcome, set `c.var.webhook` and call `next()`: the handler chained after the middleware
   * answers the sender (it can send the outcome with `sendOutcome(c, c.var.webhook)`). Refusals are always
   * answered by the middleware, so invalid input never reaches that handler.
   * @default false
   */
  passThrough?: boolean
  /**
   * The client address guards see. On `@hono/node-server` it is the socket's peer unless given; elsewhere
   * there is none unless given (Bun, Deno, Workers: see `@hookgate/fetch`'s `clientAddress`). Behind a
   * proxy: `(c) => getConnInfo(c).remote.address` does not read `X-Forwarded-For` either, so read the
   * header your proxy sets, and only when nothing reaches the app around it.
   * @default the socket's peer on node-server, else none
   */
  clientAddress?: (c: Context) => string | undefined
}

/**
 * `c.executionCtx.waitUntil` where the runtime has one (Workers). Hono offers no way to ask but the getter,
 * which throws where there is none, and a throw on every request is costly. So it is not asked on
 * `@hono/node-server`, which calls `fetch` with the request and its bindings only (and Node runs on after
 * the response, which is all `waitUntil` is for); elsewhere (Bun, Deno, `app.request()`) the throw is made
 * without capturing a stack trace through the async call chain, the bulk of its cost.
 */
function waitUntilOf(c: Context): ReceiveOptions['waitUntil'] {
  if (nodeIncomingOf(c.env) !== undefined) return undefined
  const stackTraceLimit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    const executionCtx = c.executionCtx
    return (work) => executionCtx.waitUntil(work)
  } catch {
    return undefined
  } finally {
    Error.stackTraceLimit = stackTraceLimit
  }
}

/**
 * The outcome as the response, exactly: status, headers and body (none for a 204, as `Response` requires).
 * Headers set earlier on `c` are kept.
 */
export function sendOutcome(c: Context, outcome: Outcome): Response {
  if (outcome.status === 204) return c.body(null, 204, outcome.headers)
  return c.body(outcome.body, outcome.status as ContentfulStatusCode, outcome.headers)
}

/**
 * A refusal of the body. While the rest of the body is drained (on node-server), the answer is sent at once
 * and its body ends, closing the connection, only once the draining is over.
 */
function sendRefusal(c: Context, { outcome, drained }: BodyRefusal): Response {
  if (drained === undefined) return sendOutcome(c, outcome)
  const { headers, body } = lingeringBody(outcome, drained)
  return c.body(body, outcome.status as ContentfulStatusCode, headers)
}

/**
 * Hono middleware that receives webhooks for one receiver: reads the raw body (from `c.req.raw`, or on
 * `@hono/node-server` from the Node request beneath it) before anything can decode it, hands it to
 * `endpoint.receive()` and answers with the outcome.
 */
export function createHandler(
  endpoint: WebhookEndpoint,
  options: HonoAdapterOptions = {},
): MiddlewareHandler<HookgateEnv> {
  const timeoutMs = bodyTimeoutMs(options)
  return createMiddleware<HookgateEnv>(async (c, next) => {
    const incoming = untouchedIncoming(c.env)
    let read: BodyReadResult
    try {
      read = await readRequestBody(c.req, incoming, endpoint.maxBodyBytes, timeoutMs)
    } catch (error) {
      // The sender hung up mid-body (on node-server): there is no one to answer, and a hang-up is no error
      // worth Hono's log. Nothing is written to the gone connection whatever the status.
      if (nodeIncomingOf(c.env)?.destroyed) return c.body(null, 400)
      throw error
    }
    if (!read.ok) return sendRefusal(c, read)
    const outcome = await endpoint.receive(
      {
        method: c.req.method,
        url: resolvePublicUrl(
          c,
          urlLocation(c.req.url, (name) => c.req.header(name)),
          options,
        ),
        headers: incoming ? headerPairs(incoming) : c.req.raw.headers,
        body: read.body,
        clientAddress: options.clientAddress ? options.clientAddress(c) : socketAddressOf(c.env),
      },
      { waitUntil: waitUntilOf(c) },
    )
    if (!options.passThrough || outcome.status < 200 || outcome.status > 299) return sendOutcome(c, outcome)
    c.set('webhook', outcome)
    await next()
  })
}
