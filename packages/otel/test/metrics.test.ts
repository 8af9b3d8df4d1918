import { createReceiver } from '@hookgate/core'
import { redis } from '@hookgate/redis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { connectRedis, wipe } from '../../redis/test/redis.js'
import { instrument } from '../src/index.js'
import { freshId, provider, quiet, signed, until } from './support/deliveries.js'
import { type Point, sum, telemetry } from './support/telemetry.js'

const stripeOnly = { 'hookgate.provider': 'stripe' }
const cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const step of cleanup.splice(0)) await step()
})

const histogramCount = (points: readonly Point[], name: string, where: Record<string, unknown> = {}) =>
  sum(points, name, where as never)

describe('metrics after a scripted burst', () => {
  it('counts accepted, duplicates, forged, a handler failing twice then succeeding, and a dead letter', async () => {
    const otel = telemetry()
    const receiver = createReceiver({
      provider: provider(),
      logger: quiet,
      retry: { attempts: 3, baseDelay: 1, maxDelay: 2 },
    })
    instrument(receiver, otel)
    cleanup.push(async () => {
      await receiver.close()
      await otel.shutdown()
    })
    let crmCalls = 0
    receiver.on('invoice.paid', async () => {}, { id: 'record' })
    receiver.on(
      'customer.created',
      async () => {
        if (++crmCalls <= 2) throw new Error('the CRM timed out')
      },
      { id: 'crm' },
    )
    receiver.on(
      'invoice.failed',
      async () => {
        throw new Error('never works')
      },
      { id: 'doomed' },
    )

    const paid = [freshId(), freshId(), freshId()]
    const statuses: number[] = []
    for (const id of paid) statuses.push((await receiver.receive(await signed(id))).status)
    for (const id of paid.slice(0, 2)) statuses.push((await receiver.receive(await signed(id))).status)
    for (let i = 0; i < 2; i++)
      statuses.push(
        (await receiver.receive(await signed(freshId(), 'invoice.paid', { signWith: 'whsec_forged' })))
          .status,
      )
    statuses.push((await receiver.receive(await signed(freshId(), 'customer.created'))).status)
    statuses.push((await receiver.receive(await signed(freshId(), 'invoice.failed'))).status)
    expect(statuses).toEqual([202, 202, 202, 200, 200, 401, 401, 202, 202])

    let points: Point[] = []
    await until(async () => {
      points = await otel.collect()
      expect(sum(points, 'hookgate.dead_letters')).toBe(1)
      expect(histogramCount(points, 'hookgate.delivery.latency')).toBe(4)
    })
    const counts = {
      accepted: sum(points, 'hookgate.deliveries', { 'hookgate.outcome.code': 'accepted' }),
      acceptedPaid: sum(points, 'hookgate.deliveries', {
        'hookgate.outcome.code': 'accepted',
        'hookgate.event.type': 'invoice.paid',
      }),
      duplicate: sum(points, 'hookgate.deliveries', { 'hookgate.outcome.code': 'duplicate' }),
      forged: sum(points, 'hookgate.deliveries', { 'hookgate.outcome.code': 'invalid_signature' }),
      rejections: sum(points, 'hookgate.rejections', { 'hookgate.outcome.code': 'invalid_signature' }),
      allRejections: sum(points, 'hookgate.rejections'),
      duplicates: sum(points, 'hookgate.duplicates', { 'hookgate.event.type': 'invoice.paid' }),
      retries: sum(points, 'hookgate.retries'),
      flakyRetries: sum(points, 'hookgate.retries', { 'hookgate.event.type': 'customer.created' }),
      deadLetters: sum(points, 'hookgate.dead_letters', { 'hookgate.event.type': 'invoice.failed' }),
      crmFailures: sum(points, 'hookgate.handler.failures', { 'hookgate.handler': 'crm' }),
      doomedFailures: sum(points, 'hookgate.handler.failures', { 'hookgate.handler': 'doomed' }),
      attempts: histogramCount(points, 'hookgate.handler.duration'),
      retriedAttempts: histogramCount(points, 'hookgate.handler.duration', {
        'hookgate.attempt.result': 'retry',
      }),
      receives: histogramCount(points, 'hookgate.receive.duration', stripeOnly),
      handled: histogramCount(points, 'hookgate.delivery.latency'),
    }
    expect(counts).toEqual({
      accepted: 5,
      acceptedPaid: 3,
      duplicate: 2,
      forged: 2,
      rejections: 2,
      allRejections: 2,
      duplicates: 2,
      retries: 4,
      flakyRetries: 2,
      deadLetters: 1,
      crmFailures: 2,
      doomedFailures: 3,
      attempts: 9,
      retriedAttempts: 4,
      receives: 9,
      handled: 4,
    })
    // The failure-rate gauges: 2 of 9 deliveries forged, 5 of 9 attempts failed.
    expect(
      sum(points, 'hookgate.failure.ratio', { 'hookgate.outcome.code': 'invalid_signature' }),
    ).toBeCloseTo(2 / 9)
    expect(sum(points, 'hookgate.failure.ratio', { 'hookgate.outcome.code': 'handler_failed' })).toBeCloseTo(
      5 / 9,
    )
    // Drained: nothing waits.
    expect(sum(points, 'hookgate.queue.depth', stripeOnly)).toBe(0)
    expect(sum(points, 'hookgate.queue.lag', stripeOnly)).toBe(0)
  })
})

describe('queue depth and consumer lag', () => {
  it('the memory queue: jobs waiting behind a busy handler, and how long the oldest has waited', async () => {
    const otel = telemetry()
    const receiver = createReceiver({ provider: provider(), logger: quiet, concurrency: 1 })
    instrument(receiver, otel)
    let release!: () => void
    const busy = new Promise<void>((resolve) => (release = resolve))
    receiver.on('invoice.paid', () => busy)
    cleanup.push(async () => {
      release()
      await receiver.close()
      await otel.shutdown()
    })
    for (let i = 0; i < 3; i++) await receiver.receive(await signed(freshId()))
    await new Promise((resolve) => setTimeout(resolve, 60))
    const points = await otel.collect()
    expect(sum(points, 'hookgate.queue.depth')).toBe(3)
    // One runs; the two others wait, the oldest for about 60 ms.
    expect(sum(points, 'hookgate.queue.lag')).toBeGreaterThanOrEqual(0.05)
    expect(sum(points, 'hookgate.queue.lag')).toBeLessThan(5)
  })

  const prefix = `otel-metrics-${process.pid}`
  let client: Awaited<ReturnType<typeof connectRedis>>
  beforeAll(async () => {
    client = await connectRedis()
  })
  afterAll(async () => {
    await wipe(client, prefix)
    client.disconnect()
  })

  it('the Redis queue: jobs no worker read yet, and the age of the first unread stream entry', async () => {
    await wipe(client, prefix)
    const otel = telemetry()
    const { store, queue } = redis({ client, prefix })
    const receiver = createReceiver({ provider: provider(), store, queue, logger: quiet })
    receiver.on('invoice.paid', async () => {})
    instrument(receiver, otel)
    cleanup.push(async () => {
      await receiver.close()
      await otel.shutdown()
    })
    let points = await otel.collect()
    expect(sum(points, 'hookgate.queue.depth')).toBe(0)
    expect(sum(points, 'hookgate.queue.lag')).toBe(0)
    for (let i = 0; i < 2; i++) expect((await receiver.receive(await signed(freshId()))).status).toBe(202)
    await new Promise((resolve) => setTimeout(resolve, 60))
    points = await otel.collect()
    expect(sum(points, 'hookgate.queue.depth')).toBe(2)
    expect(sum(points, 'hookgate.queue.lag')).toBeGreaterThanOrEqual(0.04)

    // A worker reads them: nothing waits any more.
    const worker = receiver.work()
    await until(async () => {
      points = await otel.collect()
      expect(sum(points, 'hookgate.queue.lag')).toBe(0)
    })
    await worker.stop()
  })
})
