import { serveOnEdgeRuntime } from './support/hosts.js'
import { describeServedRuntime, withoutOutput } from './support/served.js'

// Vercel's edge-runtime (no process, Buffer or require inside) serving the app's script bundle.
describeServedRuntime({
  name: 'edge-runtime',
  start: async (app) => withoutOutput(await serveOnEdgeRuntime(app.script, app.globalName)),
  vectors: { '/vectors': 'Web Crypto' },
})
