import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { hookgate } from '@hookgate/hono'
import { Hono } from 'hono'
import { type Listening, type RouteSet, routeNames } from '../routes.js'

export async function listenHono(routes: RouteSet): Promise<Listening> {
  const app = new Hono()

  app.post('/bare-raw', async (c) => {
    await c.req.arrayBuffer()
    return c.body(null, 204)
  })
  app.post('/bare-json', async (c) => {
    await c.req.json()
    return c.body(null, 204)
  })
  for (const route of routes.peer.names) {
    app.post(`/${route}`, async (c) => {
      const body = Buffer.from(await c.req.arrayBuffer())
      return c.body(null, (await routes.peer.status(route, body, c.req.header())) as 204)
    })
  }
  for (const [route, receiver] of Object.entries(routes.hookgate)) app.post(`/${route}`, hookgate(receiver))

  let server: ReturnType<typeof serve> | undefined
  const address = await new Promise<AddressInfo>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, resolve)
  })
  return {
    port: address.port,
    routes: routeNames(routes),
    close: () => new Promise((resolve) => server!.close(() => resolve())),
  }
}
