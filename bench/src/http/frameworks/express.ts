import type { AddressInfo } from 'node:net'
import express from 'express'
import type { Listening, RouteSet } from '../routes.js'

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
      res.status(await routes.peer.status(route, req.body, req.headers)).end()
    })
  }

  const server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject))
  return {
    port: (server.address() as AddressInfo).port,
    routes: ['bare-raw', 'bare-json', ...routes.peer.names],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
