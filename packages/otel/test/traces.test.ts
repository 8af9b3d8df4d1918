import { createReceiver } from '@hookgate/core'
import { SpanKind, SpanStatusCode } from '@opentelemetry/api'
import {
  AlwaysOffSampler,
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base'
import { afterEach, describe, expect, it } from 'vitest'
import { instrument } from '../src/index.js'
import { freshId, provider, quiet, signed, until } from './support/deliveries.js'
import { telemetry } from './support/telemetry.js'

const sent = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' }
const traceparent = `00-${sent.traceId}-${sent.spanId}-01`

const cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const step of cleanup.splice(0)) await step()
})

function setup(attempts = 3) {
  const otel = telemetry()
  const receiver = createReceiver({
    provider: provider(),
    logger: quiet,
    retry: { attempts, baseDelay: 1, maxDelay: 2 },
  })
  const instrumented = instrument(receiver, otel)
  cleanup.push(async () => {
    instrumented.stop()
    await receiver.close()
    await otel.shutdown()
  })
  return { otel, receiver }
}

const named = (spans: ReadableSpan[], kind: SpanKind) => spans.filter((s) => s.kind === kind)

describe('traces', () => {
  it("a receive span (SERVER) continuing the sender's traceparent, and an attempt span linked to it", async () => {
    const { otel, receiver } = setup()
    const id = freshId()
    receiver.on('invoice.paid', async () => {})
    const outcome = await receiver.receive(await signed(id, 'invoice.paid', { headers: { traceparent } }))
    expect(outcome.status).toBe(202)
    await until(() => expect(named(otel.spans(), SpanKind.CONSUMER)).toHaveLength(1))

    const [received] = named(otel.spans(), SpanKind.SERVER)
    const [attempt] = named(otel.spans(), SpanKind.CONSUMER)
    expect(received!.name).toBe('receive stripe')
    expect(received!.spanContext().traceId).toBe(sent.traceId)
    expect(received!.parentSpanContext?.spanId).toBe(sent.spanId)
    expect(received!.attributes).toMatchObject({
      'http.request.method': 'POST',
      'http.response.status_code': 202,
      'hookgate.provider': 'stripe',
      'hookgate.event.type': 'invoice.paid',
      'hookgate.outcome.code': 'accepted',
      'messaging.message.id': id,
      'messaging.operation.type': 'send',
    })
    expect(attempt!.name).toBe('process stripe')
    expect(attempt!.links.map((l) => l.context.spanId)).toEqual([received!.spanContext().spanId])
    expect(attempt!.spanContext().traceId).toBe(sent.traceId)
    expect(attempt!.attributes).toMatchObject({
      'hookgate.attempt': 1,
      'hookgate.attempt.result': 'done',
      'messaging.operation.type': 'process',
      'messaging.message.id': id,
    })
  })

  it('a new trace when the sender sends no traceparent (or a malformed one)', async () => {
    const { otel, receiver } = setup()
    receiver.on('invoice.paid', async () => {})
    await receiver.receive(await signed(freshId(), 'invoice.paid', { headers: { traceparent: '00-zz-1' } }))
    const [received] = named(otel.spans(), SpanKind.SERVER)
    expect(received!.parentSpanContext).toBeUndefined()
  })

  it('retries and the dead letter as attempt attributes and events', async () => {
    const { otel, receiver } = setup(2)
    receiver.on(
      'invoice.paid',
      async () => {
        throw new Error('the CRM timed out')
      },
      { id: 'crm' },
    )
    await receiver.receive(await signed(freshId()))
    await until(() => expect(named(otel.spans(), SpanKind.CONSUMER)).toHaveLength(2))
    const [first, last] = named(otel.spans(), SpanKind.CONSUMER).sort(
      (a, b) => Number(a.attributes['hookgate.attempt']) - Number(b.attributes['hookgate.attempt']),
    )
    expect(first!.attributes['hookgate.attempt.result']).toBe('retry')
    expect(first!.status.code).toBe(SpanStatusCode.ERROR)
    expect(first!.events.map((e) => [e.name, e.attributes?.['hookgate.failed_handlers']])).toEqual([
      ['retry', ['crm']],
    ])
    expect(first!.attributes['error.type']).toBe('Error')
    expect(last!.attributes['hookgate.attempt.result']).toBe('dead')
    expect(last!.events.map((e) => e.name)).toEqual(['dead_letter'])
    // Both continue the one delivery's trace.
    const [received] = named(otel.spans(), SpanKind.SERVER)
    expect(new Set([first, last, received].map((s) => s!.spanContext().traceId)).size).toBe(1)
  })

  it('a forged delivery: a 401 span with error.type, not an error status (the sender is at fault)', async () => {
    const { otel, receiver } = setup()
    receiver.on('invoice.paid', async () => {})
    const outcome = await receiver.receive(
      await signed(freshId(), 'invoice.paid', { signWith: 'whsec_forged' }),
    )
    expect(outcome.status).toBe(401)
    const [received] = named(otel.spans(), SpanKind.SERVER)
    expect(received!.attributes).toMatchObject({
      'http.response.status_code': 401,
      'error.type': 'invalid_signature',
      'hookgate.outcome.code': 'invalid_signature',
    })
    expect(received!.status.code).toBe(SpanStatusCode.UNSET)
  })

  it("ack: 'handled': the attempt runs inside receive(), its span a child of the receive span", async () => {
    const otel = telemetry()
    const receiver = createReceiver({ provider: provider(), logger: quiet, ack: 'handled' })
    instrument(receiver, otel)
    cleanup.push(async () => {
      await receiver.close()
      await otel.shutdown()
    })
    receiver.on('invoice.paid', async () => {})
    expect((await receiver.receive(await signed(freshId()))).status).toBe(200)
    const [received] = named(otel.spans(), SpanKind.SERVER)
    const [attempt] = named(otel.spans(), SpanKind.CONSUMER)
    expect(attempt!.links[0]?.context.spanId).toBe(received!.spanContext().spanId)
    expect(attempt!.spanContext().traceId).toBe(received!.spanContext().traceId)
  })

  it('spans that do not record (a sampler drops them, or no SDK): nothing exported, the delivery handled', async () => {
    const exporter = new InMemorySpanExporter()
    const tracerProvider = new BasicTracerProvider({
      sampler: new AlwaysOffSampler(),
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    })
    const receiver = createReceiver({ provider: provider(), logger: quiet })
    const instrumented = instrument(receiver, { tracerProvider })
    cleanup.push(async () => {
      instrumented.stop()
      await receiver.close()
      await tracerProvider.shutdown()
    })
    const handled: string[] = []
    receiver.on('invoice.paid', async (event) => {
      handled.push(event.id!)
    })
    const id = freshId()
    const outcome = await receiver.receive(await signed(id, 'invoice.paid', { headers: { traceparent } }))
    expect([outcome.status, outcome.code]).toEqual([202, 'accepted'])
    await until(() => expect(handled).toEqual([id]))
    expect((await receiver.receive(await signed(id))).code).toBe('duplicate')
    expect(exporter.getFinishedSpans()).toEqual([])
  })
})
