import { hookgate } from '@hookgate/fastify'
import Fastify from 'fastify'
import { type Listening, type RouteSet, routeNames } from '../routes.js'

export async function listenFastify(routes: RouteSet): Promise<Listening> {
  const app = Fastify({ bodyLimit: 1024 * 1024 })

  app.post('/bare-json', async (_request, reply) => reply.code(204).send())
  // Raw routes in their own scope: the buffer parser replaces JSON parsing there only.
  await app.register(async (scope) => {
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) =>
      done(null, body),
    )
    scope.post('/bare-raw', async (_request, reply) => reply.code(204).send())
    for (const route of routes.peer.names) {
      scope.post(`/${route}`, async (request, reply) =>
        reply.code(await routes.peer.status(route, request.body as Buffer, request.headers)).send(),
      )
    }
  })
  for (const [route, receiver] of Object.entries(routes.hookgate)) {
    await app.register(hookgate, { path: `/${route}`, receiver })
  }

  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('fastify did not listen on a port')
  return {
    port: address.port,
    routes: routeNames(routes),
    close: () => app.close(),
  }
}
