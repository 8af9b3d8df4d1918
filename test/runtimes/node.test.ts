import { serveOnNode } from './support/hosts.js'
import { describeServedRuntime, withoutOutput } from './support/served.js'

// Node (this process's) serving the same bundle through @hono/node-server: core on node:crypto.
describeServedRuntime({
  name: 'node',
  start: async (app) => withoutOutput(await serveOnNode(app.modulePath)),
  vectors: { '/vectors': 'node:crypto' },
})
