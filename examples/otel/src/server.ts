import { createServer } from 'node:http'
import { createReceiver, stripe } from '@hookgate/core'
import { hookgate } from '@hookgate/node'
import { instrument } from '@hookgate/otel'
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus'
import { NodeSDK } from '@opentelemetry/sdk-node'

const secret = process.env.STRIPE_WEBHOOK_SECRET
if (!secret) throw new Error('Set STRIPE_WEBHOOK_SECRET (the whsec_... secret of your Stripe endpoint)')

// The app owns the SDK: metrics read by Prometheus at /metrics (served below), no trace exporter here
// (add yours to spanProcessors: an OTLP exporter to your collector).
const prometheus = new PrometheusExporter({ preventServerStart: true })
const sdk = new NodeSDK({ serviceName: 'webhooks', metricReader: prometheus, spanProcessors: [] })
sdk.start()

const receiver = createReceiver({
  provider: stripe({ secret }),
  retry: { attempts: 3, baseDelay: '100ms' },
})
instrument(receiver, {
  watch: { silentFor: '2h' },
  onSilent: ({ providerName, lastSeenAt }) =>
    console.warn(`${providerName} has sent nothing since ${new Date(lastSeenAt).toISOString()}`),
  onFailureRate: ({ code, rate }) => console.warn(`${code}: ${Math.round(rate * 100)}% of deliveries`),
})

receiver.on('invoice.paid', async (event) => {
  console.log(`handled ${event.type} ${event.id}`)
})
receiver.on('customer.created', async (event, ctx) => {
  // The CRM is flaky: the first attempt fails, the retry succeeds.
  if (ctx.attempt === 1) throw new Error('the CRM timed out')
  console.log(`handled ${event.type} ${event.id}`)
})

const webhooks = hookgate(receiver)
const server = createServer((req, res) => {
  if (req.url === '/metrics') prometheus.getMetricsRequestHandler(req, res)
  else if (req.url === '/webhooks/stripe') void webhooks(req, res)
  else res.writeHead(404).end()
})
server.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1', () => {
  const address = server.address()
  if (typeof address === 'object' && address)
    console.log(`listening on http://${address.address}:${address.port}`)
})

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    server.close()
    await receiver.close()
    await sdk.shutdown()
  })
}
