import { createReceiver } from '@hookgate/core'
import { PrometheusSerializer } from '@opentelemetry/exporter-prometheus'
import { afterAll, expect, it } from 'vitest'
import { instrument } from '../src/index.js'
import {
  freshId,
  payloadMarker,
  provider,
  recordingLogger,
  secret,
  signed,
  until,
} from './support/deliveries.js'
import { telemetry } from './support/telemetry.js'

// Every exporter's output after a burst (spans, metrics as OTLP-shaped data and as Prometheus text, log
// lines at debug): the secret, any signature header value and the payload marker appear nowhere. The
// burst includes a handler whose error message quotes the payload, and a forged delivery.
const otel = telemetry()
const logger = recordingLogger()
const receiver = createReceiver({
  provider: provider(),
  logger: recordingLogger(),
  retry: { attempts: 2, baseDelay: 1, maxDelay: 2 },
})
afterAll(async () => {
  await receiver.close()
  await otel.shutdown()
})

it('exports no secret, signature or payload byte, and logs one info line per delivery', async () => {
  receiver.on('invoice.paid', async () => {})
  receiver.on('customer.created', async (event) => {
    throw new Error(`refused ${JSON.stringify(event.payload)}`)
  })
  instrument(receiver, { ...otel, logger })
  const requests = [
    await signed(freshId()),
    await signed(freshId(), 'customer.created'),
    await signed(freshId(), 'invoice.paid', { signWith: 'whsec_forged' }),
  ]
  requests.push({ ...requests[0]! }) // a duplicate
  for (const request of requests) await receiver.receive(request)
  await until(() =>
    expect(otel.spans().filter((s) => s.attributes['hookgate.attempt.result'] === 'dead')).toHaveLength(1),
  )

  const spans = JSON.stringify(
    otel.spans().map((s) => ({
      name: s.name,
      attributes: s.attributes,
      events: s.events,
      links: s.links,
      status: s.status,
      resource: s.resource.attributes,
    })),
  )
  const resourceMetrics = await otel.resourceMetrics()
  const metrics = JSON.stringify(resourceMetrics)
  const prometheus = new PrometheusSerializer().serialize(resourceMetrics)
  const logs = logger.lines.join('\n')
  const outputs = { spans, metrics, prometheus, logs }

  const signatures = requests.map((r) => r.headers['Stripe-Signature']!)
  const forbidden = [
    secret,
    payloadMarker,
    ...signatures,
    ...signatures.map((s) => /v1=([0-9a-f]+)/.exec(s)![1]!),
  ]
  for (const [name, output] of Object.entries(outputs)) {
    expect(output.length, name).toBeGreaterThan(100)
    for (const value of forbidden)
      expect(output.includes(value), `${name} holds ${value.slice(0, 12)}...`).toBe(false)
  }
  // What the outputs do hold: enough to follow the delivery.
  expect(prometheus).toContain('hookgate_deliveries_total{hookgate_provider="stripe"')
  expect(spans).toContain('invalid_signature')

  const infos = logger.lines.map((line) => JSON.parse(line)).filter((line) => line.level === 'info')
  expect(infos.map((line) => [line.msg, line.code, line.status])).toEqual([
    ['webhook received', 'accepted', 202],
    ['webhook received', 'accepted', 202],
    ['webhook received', 'invalid_signature', 401],
    ['webhook received', 'duplicate', 200],
  ])
  expect(infos[0]).toMatchObject({
    provider: 'stripe',
    type: 'invoice.paid',
    deliveryId: expect.stringMatching(/^evt_/),
    durationMs: expect.any(Number),
    trace_id: expect.stringMatching(/^[0-9a-f]{32}$/),
    span_id: expect.stringMatching(/^[0-9a-f]{16}$/),
  })
  const debugs = logger.lines.map((line) => JSON.parse(line)).filter((line) => line.level === 'debug')
  expect(debugs.map((line) => line.msg)).toEqual(
    expect.arrayContaining([
      'receive: invalid_signature',
      'attempt 1: a handler failed; it runs again after delayMs',
      'attempt 2: the last attempt failed, or the payload can never pass: dead-lettered',
    ]),
  )
  expect(debugs.find((line) => line.code === 'invalid_signature').reason).toMatch(/signature/i)
})

it('logs nothing without a logger (off by default)', async () => {
  const quietOtel = telemetry()
  const lines = recordingLogger()
  const plain = createReceiver({ provider: provider(), logger: lines })
  plain.on('invoice.paid', async () => {})
  instrument(plain, quietOtel)
  await plain.receive(await signed(freshId()))
  await plain.close()
  await quietOtel.shutdown()
  expect(lines.lines).toEqual([])
})
