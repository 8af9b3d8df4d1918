import type { TLSSocket } from 'node:tls'
import type { Outcome, WebhookEndpoint } from '@hookgate/core'
import {
  type AdapterOptions,
  type BodyReadResult,
  type BodyRefusal,
  bodyTimeoutMs,
  lingeringBody,
  type NodeReadable,
  type RequestLocation,
  readBody,
  rejectionOutcome,
  resolvePublicUrl,
} from '@hookgate/core/adapter'
import type { FastifyError, FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { FST_HOOKGATE_INVALID_OPTION, FST_HOOKGATE_RECEIVE_FAILED } from './errors.js'

/** Options of `app.register(hookgate, options)`; `publicUrl` as a function receives the Fastify request. */
export interface FastifyHookgateOptions extends AdapterOptions<FastifyRequest> {
  /**
   * The route the sender posts to, e.g. `'/webhooks/stripe'`. Register the plugin once per route.
   * @default none: required
   */
  path: string
  /**
   * What receives the deliveries: a receiver from `createReceiver()`.
   * @default none: required
   */
  receiver: WebhookEndpoint
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The outcome of a webhook delivery, for app-wide hooks (onResponse logging); `null` on other routes. */
    webhook: Outcome | null
  }
}

const consumedMessage =
  'The request body reached hookgate as something other than the bytes it read (a hook replaced ' +
  'request.body), so no signature can be checked. Do not set request.body in hooks on the webhook route.'

// Bodies this plugin's parser produced: anything else in request.body was put there by someone else.
const bodyReads = new WeakSet<BodyReadResult>()
const emptyBody: BodyReadResult = { ok: true, body: new Uint8Array(0) }

function bodyReadOf(body: unknown): BodyReadResult {
  // Fastify runs no parser for a request without Content-Type and without a body.
  if (body === undefined) return emptyBody
  if (bodyReads.has(body as BodyReadResult)) return body as BodyReadResult
  return { ok: false, outcome: rejectionOutcome('raw_body_unavailable', consumedMessage) }
}

function locationOf(request: FastifyRequest): RequestLocation {
  return {
    protocol: (request.raw.socket as Partial<TLSSocket> | null)?.encrypted ? 'https' : 'http',
    host: request.headers.host,
    path: request.originalUrl,
    header: (name) => {
      const value = request.headers[name]
      return Array.isArray(value) ? value.join(', ') : value
    },
  }
}

function sendOutcome(request: FastifyRequest, reply: FastifyReply, outcome: Outcome): FastifyReply {
  request.webhook = outcome
  return reply.code(outcome.status).headers(outcome.headers).send(outcome.body)
}

/**
 * A refusal of the body. While the rest of the body is drained, the answer is sent at once and its body
 * ends, closing the connection, only once the draining is over.
 */
function sendRefusal(request: FastifyRequest, reply: FastifyReply, refusal: BodyRefusal): FastifyReply {
  const { outcome, drained } = refusal
  if (drained === undefined) return sendOutcome(request, reply, outcome)
  request.webhook = outcome
  const { headers, body } = lingeringBody(outcome, drained)
  return reply.code(outcome.status).headers(headers).send(body)
}

function checkOptions(options: Partial<FastifyHookgateOptions>): asserts options is FastifyHookgateOptions {
  if (typeof options.path !== 'string' || !options.path.startsWith('/')) {
    throw new FST_HOOKGATE_INVALID_OPTION(
      `path must be a route such as '/webhooks/stripe', got ${options.path}`,
    )
  }
  const { receiver } = options
  if (typeof receiver?.receive !== 'function' || !(receiver.maxBodyBytes >= 0)) {
    throw new FST_HOOKGATE_INVALID_OPTION('receiver must be a receiver from createReceiver()')
  }
}

const hookgatePlugin: FastifyPluginAsync<FastifyHookgateOptions> = async (fastify, options) => {
  checkOptions(options)
  const { path, receiver } = options
  const timeoutMs = bodyTimeoutMs(options)
  if (!fastify.hasRequestDecorator('webhook')) fastify.decorateRequest('webhook', null)

  // Not wrapped in fastify-plugin: an encapsulated scope, so the parsers below serve this route only and the
  // app's own JSON and form parsers stay as they are everywhere else.
  await fastify.register(async function hookgateRoute(scope: FastifyInstance) {
    scope.removeAllContentTypeParsers()
    const readPayload = async (request: FastifyRequest, payload: NodeReadable) => {
      const read = await readBody(payload, {
        maxBytes: receiver.maxBodyBytes,
        timeoutMs,
        declaredLength: request.headers['content-length'],
        contentEncoding: request.headers['content-encoding'],
      })
      bodyReads.add(read)
      return read
    }
    scope.addContentTypeParser('*', readPayload)

    const deliver = async (request: FastifyRequest, reply: FastifyReply, read: BodyReadResult) => {
      if (!read.ok) return sendRefusal(request, reply, read)
      let outcome: Outcome
      try {
        outcome = await receiver.receive({
          method: request.method,
          url: resolvePublicUrl(request, locationOf(request), options),
          headers: request.headers,
          body: read.body,
          // request.ip: the client address as the app's `trustProxy` option resolves it.
          clientAddress: request.ip,
        })
      } catch (cause) {
        throw new FST_HOOKGATE_RECEIVE_FAILED({ cause })
      }
      return sendOutcome(request, reply, outcome)
    }

    // Every method, so that another one gets the receiver's 405 with `Allow: POST`, as on the other
    // adapters, rather than Fastify's 404 for a route it does not know.
    scope.all(path, (request, reply) => deliver(request, reply, bodyReadOf(request.body)))

    // Fastify answers a Content-Type it cannot parse (no type/subtype) with its own 415 before any parser
    // runs. The signature does not cover that header, so, as in the other adapters, the receiver decides.
    scope.setErrorHandler(async (error: FastifyError, request, reply) => {
      if (error.code !== 'FST_ERR_CTP_INVALID_MEDIA_TYPE') throw error
      return deliver(request, reply, await readPayload(request, request.raw))
    })
  })
}

/**
 * The Fastify plugin: `await app.register(hookgate, { path, receiver })` adds a POST route that receives
 * webhooks for `receiver`, reading every content type as raw bytes in a scope of its own.
 */
export const hookgate = fp(hookgatePlugin, { name: '@hookgate/fastify', fastify: '5.x' })
