/**
 * The server under load: a child process pinned to its own core, one framework per process, every route of
 * that framework in it (so all rows of a framework share one warmed-up process). Started by the orchestrator
 * with the framework's name as its argument; reports its port over IPC; stops and deletes its Redis keys
 * when the orchestrator disconnects.
 */
import { listenExpress } from './frameworks/express.js'
import { listenFastify } from './frameworks/fastify.js'
import { listenHono } from './frameworks/hono.js'
import type { Framework, ServerReady } from './protocol.js'
import { benchReceivers } from './receivers.js'
import { connectRedis, deletePrefix } from './redis.js'
import { type Listening, peerRoutes, type RouteSet } from './routes.js'

const listeners: Record<Framework, (routes: RouteSet) => Promise<Listening>> = {
  express: listenExpress,
  fastify: listenFastify,
  hono: listenHono,
}

const framework = process.argv[2] as Framework
const listen = listeners[framework]
if (!listen) throw new Error(`unknown framework ${process.argv[2]}`)

const prefix = `hookgate-bench-${framework}-${process.pid}`
const redis = await connectRedis()
const hookgate = benchReceivers(redis, prefix)
const listening = await listen({ peer: peerRoutes(redis, `${prefix}:`), hookgate: hookgate.receivers })

process.send!({ kind: 'ready', port: listening.port, routes: listening.routes } satisfies ServerReady)

process.on('disconnect', async () => {
  await listening.close()
  await hookgate.close()
  if (redis) {
    // The peer routes' keys and hookgate's (under the Redis Cluster hash tag `{prefix}`).
    await deletePrefix(redis, prefix)
    await deletePrefix(redis, `{${prefix}}`)
    redis.disconnect()
  }
  process.exit(0)
})
