import type { AddressInfo } from 'node:net'
import { hookgate } from '@hookgate/express'
import express from 'express'
import { type Listening, type RouteSet, routeNames } from '../routes.js'

export async function listenExpress(routes: RouteSet): Promise<Listening> {
  const app = express()
  const raw = express.raw({ type: '*/*', limit: '1mb' })

  app.post('/bare-raw', raw, (_req, res) => {
    res.status(204).end()
  })
  app.post('/bare-json', express.json({ limit: '1mb' }), (_req, res) => {
    res.status(204).end()
  })
  for (const route of routes.peer.names) {
    app.post(`/${route}`, raw, async (req, res) => {
      res.status(await routes.peer.status(route, req.body as Buffer, req.headers)).end()
    })
  }
  for (const [route, receiver] of Object.entries(routes.hookgate)) app.post(`/${route}`, hookgate(receiver))

  const server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject))
  return {
    port: (server.address() as AddressInfo).port,
    routes: routeNames(routes),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
