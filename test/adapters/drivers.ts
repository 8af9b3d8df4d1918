import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Readable } from 'node:stream'
import { serve } from '@hono/node-server'
import type { WebhookEndpoint } from '@hookgate/core'
import type { AdapterOptions } from '@hookgate/core/adapter'
import { hookgate as expressHookgate } from '@hookgate/express'
import fastifyHookgate from '@hookgate/fastify'
import { hookgate as fetchHookgate } from '@hookgate/fetch'
import { hookgate as honoHookgate } from '@hookgate/hono'
import { hookgate as nodeHookgate } from '@hookgate/node'
import express from 'express'
import Fastify from 'fastify'
import { Hono } from 'hono'
import request from 'supertest'

/** The route every driver mounts the adapter on. */
export const PATH = '/webhooks/test'

export interface TestRequest {
  method?: string
  /** Path and query; defaults to PATH. */
  path?: string
  /** Include `host` to set the Host header (the request URL's host for Hono). */
  headers?: Record<string, string>
  /** Sent with a Content-Length. */
  body?: string | Uint8Array
  /** Sent chunked, without a Content-Length. */
  chunks?: readonly (string | Uint8Array)[]
}

export interface TestResponse {
  status: number
  headers: Record<string, string>
  body: string
}

export interface Client {
  send(request: TestRequest): Promise<TestResponse>
  /** Stops the server a client sends to over a socket; in-process clients have none. */
  close?(): Promise<void>
}

// Options for any of the adapters: publicUrl functions in the table do not look at the request.
export type AnyAdapterOptions = AdapterOptions<unknown>

/** One adapter: mounts it and sends requests the framework's own test way. */
export interface Driver {
  name: 'express' | 'hono' | 'fastify' | 'fetch' | 'node'
  /**
   * `app.all(PATH, hookgate(endpoint, options))`, the Fastify plugin on PATH, or the bare handler; requests
   * in-process, but for `node`, whose handler needs a real `node:http` request: it sends over a socket.
   */
  mount(endpoint: WebhookEndpoint, options?: AnyAdapterOptions): Promise<Client>
  /** The same app listening on an ephemeral loopback port; resolves to its base URL and its Node server. */
  listen(
    endpoint: WebhookEndpoint,
    options?: AnyAdapterOptions,
  ): Promise<{ url: string; server: Server; close(): Promise<void> }>
}

const bodyStream = (chunks: readonly (string | Uint8Array)[]) =>
  Readable.from(chunks.map((c) => Buffer.from(c)))

function expressApp(endpoint: WebhookEndpoint, options?: AnyAdapterOptions) {
  const app = express()
  app.all(PATH, expressHookgate(endpoint, options))
  return app
}

async function fastifyApp(endpoint: WebhookEndpoint, options?: AnyAdapterOptions) {
  const app = Fastify()
  await app.register(fastifyHookgate, { path: PATH, receiver: endpoint, ...options })
  await app.ready()
  return app
}

function honoApp(endpoint: WebhookEndpoint, options?: AnyAdapterOptions) {
  const app = new Hono()
  app.all(PATH, honoHookgate(endpoint, options))
  return app
}

function lowerCased(headers: Iterable<[string, string]> | Record<string, unknown>): Record<string, string> {
  const entries =
    Symbol.iterator in headers ? [...(headers as Iterable<[string, string]>)] : Object.entries(headers)
  return Object.fromEntries(entries.map(([name, value]) => [name.toLowerCase(), String(value)]))
}

/** `request` as a Web `Request`'s URL and init; `host` names the URL's host, since fetch sets the header. */
function webRequest(
  { method = 'POST', path = PATH, headers = {}, body, chunks }: TestRequest,
  origin?: string,
) {
  const { host = 'localhost', ...rest } = headers
  const init: RequestInit & { duplex?: 'half' } = { method, headers: rest }
  if (chunks !== undefined) {
    init.body = Readable.toWeb(bodyStream(chunks)) as ReadableStream<Uint8Array>
    init.duplex = 'half'
  } else if (body !== undefined) {
    init.body = typeof body === 'string' ? body : new Uint8Array(body)
  }
  return { url: `${origin ?? `http://${host}`}${path}`, init }
}

async function answerOf(res: Response): Promise<TestResponse> {
  return { status: res.status, headers: lowerCased(res.headers), body: await res.text() }
}

/** A client sending with `fetch` to a listening server, which it closes. */
export function socketClient(server: { url: string; close(): Promise<void> }): Client {
  return {
    async send(request) {
      const { url, init } = webRequest(request, server.url)
      return answerOf(await fetch(url, init))
    },
    close: server.close,
  }
}

function listening(server: Server) {
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

// The body as the text on the wire, whatever its content type (superagent would parse JSON).
const keepText: Parameters<request.Test['parse']>[0] = (res, done) => {
  const stream = res as unknown as import('node:stream').Readable
  let text = ''
  stream.setEncoding('utf8')
  stream.on('data', (chunk: string) => {
    text += chunk
  })
  stream.on('end', () => done(null, text))
}

export const supertestDriver: Driver = {
  name: 'express',
  async mount(endpoint, options) {
    const app = expressApp(endpoint, options)
    return {
      async send({ method = 'POST', path = PATH, headers = {}, body, chunks }) {
        const test = request(app)
          [method.toLowerCase() as 'post'](path)
          .set(headers)
          .buffer(true)
          .parse(keepText)
        // Written, not `send()`: superagent would serialize a Buffer as JSON for a JSON content type.
        if (body !== undefined) test.set('content-length', String(Buffer.byteLength(body)))
        for (const chunk of chunks ?? (body === undefined ? [] : [body])) test.write(Buffer.from(chunk))
        const res = await test
        return { status: res.status, headers: lowerCased(res.headers), body: res.body as string }
      },
    }
  },
  async listen(endpoint, options) {
    const server = expressApp(endpoint, options).listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    return listening(server)
  },
}

export const injectDriver: Driver = {
  name: 'fastify',
  async mount(endpoint, options) {
    const app = await fastifyApp(endpoint, options)
    return {
      async send({ method = 'POST', path = PATH, headers = {}, body, chunks }) {
        const res = await app.inject({
          method: method as 'POST',
          url: path,
          // light-my-request streams a payload without saying so, which Fastify would take for no body.
          headers: chunks === undefined ? headers : { 'transfer-encoding': 'chunked', ...headers },
          ...(chunks !== undefined
            ? { payload: bodyStream(chunks) }
            : body !== undefined
              ? { payload: Buffer.from(body) }
              : {}),
        })
        return { status: res.statusCode, headers: lowerCased(res.headers), body: res.body }
      },
    }
  },
  async listen(endpoint, options) {
    const app = await fastifyApp(endpoint, options)
    await app.listen({ port: 0, host: '127.0.0.1' })
    const { port } = app.server.address() as AddressInfo
    return { url: `http://127.0.0.1:${port}`, server: app.server, close: () => app.close() }
  },
}

/** A client that hands each request, as a Web request's URL and init, to `handle` in process. */
function inProcess(handle: (url: string, init: RequestInit) => Response | Promise<Response>): Client {
  return {
    async send(request) {
      const { url, init } = webRequest(request)
      return answerOf(await handle(url, init))
    },
  }
}

export const appRequestDriver: Driver = {
  name: 'hono',
  async mount(endpoint, options) {
    const app = honoApp(endpoint, options)
    return inProcess((url, init) => app.request(url, init))
  },
  listen: (endpoint, options) => listenFetch(honoApp(endpoint, options).fetch),
}

/** A fetch handler on a Node socket: @hono/node-server hands it real Web `Request`s, as Bun or Deno would. */
async function listenFetch(fetch: Parameters<typeof serve>[0]['fetch']) {
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server))
  })
  return listening(server)
}

export const fetchDriver: Driver = {
  name: 'fetch',
  async mount(endpoint, options) {
    const handler = fetchHookgate(endpoint, options)
    return inProcess((url, init) => handler(new Request(url, init)))
  },
  listen: (endpoint, options) => listenFetch(fetchHookgate(endpoint, options)),
}

export const nodeDriver: Driver = {
  name: 'node',
  mount: async (endpoint, options) => socketClient(await nodeDriver.listen(endpoint, options)),
  async listen(endpoint, options) {
    const server = createServer(nodeHookgate(endpoint, options))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return listening(server)
  },
}

/** The frameworks, each with its own in-process test client. */
export const drivers: readonly Driver[] = [supertestDriver, injectDriver, appRequestDriver]

/** Every adapter: the frameworks, the bare fetch handler and the `node:http` handler. */
export const everyAdapter: readonly Driver[] = [...drivers, fetchDriver, nodeDriver]
