import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { EdgeRuntime, runServer } from 'edge-runtime'

/**
 * How the in-process runtimes, and workerd, host a bundle of the app: shared by the runtime tests and the
 * bench's runtimes section (bench/src/runtimes), so both measure and check the very same setup.
 */

/** A server listening on a loopback port. */
export interface Hosted {
  url: string
  stop(): Promise<void>
}

type FetchApp = { default: { fetch: (request: Request) => Promise<Response> } }

/** Node (this process) serving the ESM bundle's `fetch` through @hono/node-server. */
export async function serveOnNode(modulePath: string): Promise<Hosted> {
  const { default: app } = (await import(modulePath)) as FetchApp
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const listening = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(listening))
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/**
 * Vercel's edge-runtime serving the script bundle (which defines `globalThis[globalName]`) through its fetch
 * event, with the event's waitUntil as the context, as Vercel's edge functions pass it.
 */
export async function serveOnEdgeRuntime(script: string, globalName: string): Promise<Hosted> {
  const runtime = new EdgeRuntime({
    initialCode: `${script}
addEventListener('fetch', (event) => {
  event.respondWith(${globalName}.default.fetch(event.request, { waitUntil: (work) => event.waitUntil(work) }))
})`,
  })
  const server = await runServer({ runtime, host: '127.0.0.1', port: 0 })
  // Its URL ends with a slash, which the others' do not.
  return { url: server.url.replace(/\/$/, ''), stop: () => server.close() }
}

/**
 * Miniflare's options for the ESM bundle at `modulePath` in `dir`: no nodejs_compat flag and no polyfill,
 * so a node:* import, Buffer or process on the path fails there.
 */
export const miniflareOptions = (modulePath: string, dir: string) => ({
  scriptPath: modulePath,
  // Module names are taken relative to this folder, and may not climb out of it.
  modulesRoot: dir,
  modules: true,
  compatibilityDate: '2025-09-01',
  host: '127.0.0.1',
  port: 0,
})
