import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { describeServedRuntime } from './support/served.js'

type App = { default: { fetch: (request: Request) => Promise<Response> } }

// Node (this process's) serving the same bundle through @hono/node-server: core on node:crypto.
describeServedRuntime({
  name: 'node',
  async start(app) {
    const { default: bundled } = (await import(app.modulePath)) as App
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const listening = serve({ fetch: bundled.fetch, hostname: '127.0.0.1', port: 0 }, () =>
        resolve(listening),
      )
    })
    const { port } = server.address() as AddressInfo
    return {
      baseUrl: `http://127.0.0.1:${port}`,
      stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
      output: () => ({ stdout: '', stderr: '' }),
    }
  },
  vectors: { '/vectors': 'node:crypto' },
})
