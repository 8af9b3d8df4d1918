// Each adapter listening on a loopback address of a family (127.0.0.1, ::1, or ::ffff:127.0.0.1, whose
// peers are IPv4-mapped IPv6), with the framework's own trust-proxy setting, so the tests see the client
// address each adapter resolves from a real socket.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { github, type WebhookEndpoint } from '@hookgate/core'
import { hookgate as expressHookgate } from '@hookgate/express'
import fastifyHookgate from '@hookgate/fastify'
import { hookgate as fetchHookgate } from '@hookgate/fetch'
import { hookgate as honoHookgate } from '@hookgate/hono'
import { hookgate as nodeHookgate } from '@hookgate/node'
import express from 'express'
import Fastify from 'fastify'
import { Hono } from 'hono'

export const PATH = '/webhooks/github'
export const secret = 'guards-adapters-secret'

export type AdapterName = 'express' | 'fastify' | 'hono' | 'node' | 'fetch'
export const adapters: readonly AdapterName[] = ['express', 'fastify', 'hono', 'node', 'fetch']

export interface Listening {
  url: string
  close(): Promise<void>
}

/** Whether the adapter believes a loopback peer's `X-Forwarded-For`, by the framework's own setting. */
export interface Trust {
  trustLoopback?: boolean
}

function listening(server: Server, host: string): Listening {
  const { port } = server.address() as AddressInfo
  // A v4-mapped listener is reached through its IPv4 address.
  const target = host === '::1' ? '[::1]' : '127.0.0.1'
  return {
    url: `http://${target}:${port}${PATH}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

async function listen(server: Server, host: string): Promise<Listening> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, host, resolve)
  })
  return listening(server, host)
}

export async function start(
  name: AdapterName,
  endpoint: WebhookEndpoint,
  host: string,
  { trustLoopback = false }: Trust = {},
): Promise<Listening> {
  switch (name) {
    case 'express': {
      const app = express()
      app.set('trust proxy', trustLoopback ? 'loopback' : false)
      app.all(PATH, expressHookgate(endpoint))
      return listen(createServer(app), host)
    }
    case 'fastify': {
      const app = Fastify({ trustProxy: trustLoopback ? ['127.0.0.1', '::1'] : false })
      await app.register(fastifyHookgate, { path: PATH, receiver: endpoint })
      await app.listen({ port: 0, host })
      return { ...listening(app.server, host), close: () => app.close() }
    }
    case 'node':
      return listen(
        createServer(nodeHookgate(endpoint, trustLoopback ? { trustedProxies: ['loopback'] } : {})),
        host,
      )
    case 'hono': {
      const app = new Hono()
      app.all(PATH, honoHookgate(endpoint))
      return listenFetch(app.fetch, host)
    }
    case 'fetch': {
      // On node-server, the handler's second argument holds the Node request: its socket is the peer.
      const handler = fetchHookgate(endpoint, {
        clientAddress: (_request, env) =>
          (env as { incoming: import('node:http').IncomingMessage }).incoming.socket.remoteAddress,
      })
      return listenFetch(handler, host)
    }
  }
}

async function listenFetch(fetch: Parameters<typeof serve>[0]['fetch'], host: string): Promise<Listening> {
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch, port: 0, hostname: host }, () => resolve(s as Server))
  })
  return listening(server, host)
}

/** A signed GitHub push POSTed to the server, with extra headers. */
export async function post(server: Listening, headers: Record<string, string> = {}) {
  const signed = await github({ secret }).sign({ body: '{"ref":"refs/heads/main"}', type: 'push' })
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { ...signed.headers, ...headers },
    body: signed.body as string,
    signal: AbortSignal.timeout(5_000),
  })
  return { status: res.status, body: (await res.json()) as { code: string; message?: string } }
}
