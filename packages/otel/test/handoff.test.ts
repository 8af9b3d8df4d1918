import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { createReceiver } from '@hookgate/core'
import { redis } from '@hookgate/redis'
import { SpanKind } from '@opentelemetry/api'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { connectRedis, wipe } from '../../redis/test/redis.js'
import { instrument } from '../src/index.js'
import { freshId, provider, quiet, signed, until } from './support/deliveries.js'
import { telemetry } from './support/telemetry.js'

// The receive span in this process, the attempt spans in a worker process: the job carries the trace
// through the Redis stream, so the worker's spans link to (and continue) the receive span's trace.
const prefix = `otel-handoff-${process.pid}`
const root = fileURLToPath(new URL('../../../', import.meta.url))

interface WorkerSpan {
  name: string
  kind: SpanKind
  traceId: string
  spanId: string
  parentSpanId?: string
  links: { traceId: string; spanId: string }[]
  attributes: Record<string, unknown>
  events: { name: string; attributes?: Record<string, unknown> }[]
}

let worker: ChildProcess
let output = ''
const redisClient = await connectRedis()

beforeAll(async () => {
  await wipe(redisClient, prefix)
  worker = spawn(process.execPath, ['--import', 'tsx', 'packages/otel/test/fixtures/worker.ts'], {
    cwd: root,
    env: { ...process.env, TEST_PREFIX: prefix },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  worker.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  await until(() => expect(output).toContain('ready'), 20_000)
}, 30_000)

afterAll(async () => {
  if (worker.exitCode === null) {
    const exited = once(worker, 'exit')
    worker.kill('SIGTERM')
    await exited
  }
  await wipe(redisClient, prefix)
  redisClient.disconnect()
})

const workerSpans = (): WorkerSpan[] =>
  output
    .split('\n')
    .filter((line) => line.startsWith('span '))
    .map((line) => JSON.parse(line.slice(5)) as WorkerSpan)

it('links each attempt in the worker process to the receive span, across the Redis queue', {
  timeout: 30_000,
}, async () => {
  const otel = telemetry()
  const { store, queue } = redis({ client: redisClient, prefix })
  const receiver = createReceiver({ provider: provider(), store, queue, logger: quiet })
  receiver.on('invoice.paid', async () => {}, { id: 'record' })
  receiver.on('invoice.failed', async () => {}, { id: 'doomed' })
  instrument(receiver, otel)
  const handled = freshId()
  const doomed = freshId()
  const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'
  expect(
    (await receiver.receive(await signed(handled, 'invoice.paid', { headers: { traceparent } }))).status,
  ).toBe(202)
  expect((await receiver.receive(await signed(doomed, 'invoice.failed'))).status).toBe(202)

  await until(() => expect(workerSpans().filter((s) => s.kind === SpanKind.CONSUMER)).toHaveLength(3), 20_000)
  const received = otel.spans().filter((s) => s.kind === SpanKind.SERVER)
  const receiveOf = (id: string) => received.find((s) => s.attributes['messaging.message.id'] === id)!
  const attemptsOf = (id: string) => workerSpans().filter((s) => s.attributes['messaging.message.id'] === id)

  const [ok] = attemptsOf(handled)
  expect(ok!.name).toBe('process stripe')
  expect(ok!.links).toEqual([
    expect.objectContaining({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: receiveOf(handled).spanContext().spanId,
    }),
  ])
  expect(ok!.traceId).toBe('0af7651916cd43dd8448eb211c80319c')
  expect(ok!.parentSpanId).toBe(receiveOf(handled).spanContext().spanId)
  expect(ok!.attributes['hookgate.attempt.result']).toBe('done')

  const failing = attemptsOf(doomed).sort(
    (a, b) => Number(a.attributes['hookgate.attempt']) - Number(b.attributes['hookgate.attempt']),
  )
  expect(
    failing.map((s) => [
      s.attributes['hookgate.attempt'],
      s.attributes['hookgate.attempt.result'],
      s.events.map((e) => e.name),
    ]),
  ).toEqual([
    [1, 'retry', ['retry']],
    [2, 'dead', ['dead_letter']],
  ])
  for (const span of failing) {
    expect(span.links[0]?.spanId).toBe(receiveOf(doomed).spanContext().spanId)
    expect(span.traceId).toBe(receiveOf(doomed).spanContext().traceId)
  }
  await receiver.close()
  await otel.shutdown()
})
