// Runs the Worker locally as Cloudflare does, in workerd (through Miniflare), with no wrangler.toml: the
// worker is bundled with esbuild for the Workers' conditions, without Node built-ins or nodejs_compat.
import { build } from 'esbuild'
import { Miniflare } from 'miniflare'

const secret = process.env.STRIPE_WEBHOOK_SECRET
if (!secret) throw new Error('Set STRIPE_WEBHOOK_SECRET (the whsec_... secret of your Stripe endpoint)')

const scriptPath = 'dist/worker.js'
await build({
  entryPoints: ['src/worker.ts'],
  outfile: scriptPath,
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  conditions: ['workerd', 'worker', 'browser'],
  logLevel: 'warning',
})

const worker = new Miniflare({
  scriptPath,
  modules: true,
  compatibilityDate: '2025-09-01',
  bindings: { STRIPE_WEBHOOK_SECRET: secret },
  host: process.env.HOST ?? '127.0.0.1',
  port: Number(process.env.PORT ?? 8787),
})
const url = await worker.ready
console.log(`listening on ${url.origin}`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void worker.dispose())
}
