import { EdgeRuntime, runServer } from 'edge-runtime'
import { describeServedRuntime } from './support/served.js'

// Vercel's edge-runtime (no process, Buffer or require inside) serving the app's script bundle through its
// fetch event, with the event's waitUntil as the context, as Vercel's edge functions pass it.
describeServedRuntime({
  name: 'edge-runtime',
  async start(app) {
    const runtime = new EdgeRuntime({
      initialCode: `${app.script}
addEventListener('fetch', (event) => {
  event.respondWith(${app.globalName}.default.fetch(event.request, { waitUntil: (work) => event.waitUntil(work) }))
})`,
    })
    const server = await runServer({ runtime, host: '127.0.0.1', port: 0 })
    return { baseUrl: server.url, stop: () => server.close(), output: () => ({ stdout: '', stderr: '' }) }
  },
  vectors: { '/vectors': 'Web Crypto' },
})
