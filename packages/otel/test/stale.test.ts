import { createReceiver, type WebhookEvent } from '@hookgate/core'
import { SpanKind } from '@opentelemetry/api'
import { afterEach, expect, it } from 'vitest'
import { instrument } from '../src/index.js'
import { freshId, provider, quiet, recordingLogger, signed, until } from './support/deliveries.js'
import { sum, telemetry } from './support/telemetry.js'

const cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const step of cleanup.splice(0)) await step()
})

// One invoice, versioned per delivery: a newer state, then an older one and the same one again (both stale).
it('a stale delivery: counted, a stale event on its attempt span, a debug line; its order key nowhere', async () => {
  const versions = new Map<string, number>()
  const orderKey = 'in_ORDER_KEY_7d2a'
  const otel = telemetry()
  const logger = recordingLogger()
  const receiver = createReceiver({
    provider: provider(),
    logger: quiet,
    ordering: { orderKey: () => orderKey, version: (event: WebhookEvent) => versions.get(event.id!)! },
  })
  receiver.on('invoice.paid', async () => {})
  instrument(receiver, { ...otel, logger })
  cleanup.push(async () => {
    await receiver.close()
    await otel.shutdown()
  })
  const deliver = async (version: number) => {
    const id = freshId()
    versions.set(id, version)
    expect((await receiver.receive(await signed(id))).status).toBe(202)
    return id
  }
  const attempts = () => otel.spans().filter((s) => s.kind === SpanKind.CONSUMER)

  await deliver(2)
  await until(() => expect(attempts()).toHaveLength(1))
  const older = await deliver(1)
  await until(() => expect(attempts()).toHaveLength(2))
  await deliver(2)
  await until(() => expect(attempts()).toHaveLength(3))

  const points = await otel.collect()
  expect(sum(points, 'hookgate.stale_deliveries', { 'hookgate.event.type': 'invoice.paid' })).toBe(2)
  expect(sum(points, 'hookgate.delivery.latency')).toBe(1) // only the first was handled

  const [applied, stale, same] = attempts()
  expect(applied!.events).toEqual([])
  for (const span of [stale, same]) {
    expect(span!.attributes['hookgate.attempt.result']).toBe('done')
    expect(span!.events.map((e) => [e.name, e.attributes])).toEqual([
      [
        'stale',
        {
          'hookgate.order.version': versions.get(String(span!.attributes['messaging.message.id'])),
          'hookgate.order.last_version': 2,
        },
      ],
    ])
  }

  const lines = logger.lines.map((line) => JSON.parse(line))
  const staleLines = lines.filter((line) => 'lastVersion' in line)
  expect(staleLines).toHaveLength(2)
  expect(staleLines[0]).toMatchObject({
    level: 'debug',
    provider: 'stripe',
    type: 'invoice.paid',
    deliveryId: older,
    attempt: 1,
    version: 1,
    lastVersion: 2,
    trace_id: stale!.spanContext().traceId,
    span_id: stale!.spanContext().spanId,
  })
  // An app's order key is read from the payload: no span, metric or line of this package holds it.
  const outputs = [
    JSON.stringify(otel.spans().map((s) => [s.attributes, s.events])),
    JSON.stringify(points),
    ...logger.lines,
  ]
  for (const output of outputs) expect(output).not.toContain(orderKey)
})
